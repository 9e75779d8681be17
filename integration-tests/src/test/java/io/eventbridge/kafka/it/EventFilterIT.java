package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.deliveredOffsets;
import static io.eventbridge.kafka.it.SinkTestSupport.detail;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Sending only what some rule wants: the sink's event.filter.pattern keeps events a pattern does not match off the
 * bus (not sent, not billed) while their offsets still commit, and counts them; the EventPatternPredicate does the
 * same job on a record's value for Connect's Filter SMT, here on the sink.
 */
class EventFilterIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static long committed(String connector, String topic) throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }

    @Test
    void aFilterPatternSendsOnlyMatchingEventsAndStillCommitsEveryOffset() throws Exception {
        connect.kafka().createTopic("filtered", 1);
        Map<String, String> config = stack.sinkConfig("filtered", "filter-bus");
        config.put("event.detail.mode", "value");
        config.put("event.filter.pattern", "{\"detail\":{\"total\":[{\"numeric\":[\">=\",100]}]}}");
        connect.configureConnector("filter-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("filter-sink", 1, "did not start");

        produce(connect, "filtered", 0, 200, i -> "{\"n\":" + i + ",\"total\":" + (i % 4 == 0 ? 150 : 20) + "}");
        await().atMost(TIMEOUT).until(() -> committed("filter-sink", "filtered") == 200);
        assertThat(eventBridge.events()).hasSize(50).allSatisfy(e ->
            assertThat(detail(e).path("total").asInt()).isEqualTo(150));
        assertThat(SinkTestSupport.taskMetric("filter-sink", "events-filtered-total")).isEqualTo(150);
        assertThat(SinkTestSupport.taskMetric("filter-sink", "events-sent-total")).isEqualTo(50);
        connect.deleteConnector("filter-sink");
    }

    @Test
    void thePatternPredicateDrivesConnectsFilterTransform() throws Exception {
        connect.kafka().createTopic("predicated", 1);
        Map<String, String> config = stack.sinkConfig("predicated", "predicate-bus");
        config.put("transforms", "placedOnly");
        config.put("transforms.placedOnly.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.placedOnly.predicate", "placed");
        config.put("transforms.placedOnly.negate", "true");
        config.put("predicates", "placed");
        config.put("predicates.placed.type", "io.eventbridge.kafka.common.pattern.EventPatternPredicate");
        config.put("predicates.placed.pattern", "{\"status\":[\"Placed\"]}");
        connect.configureConnector("predicate-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("predicate-sink", 1, "did not start");

        produce(connect, "predicated", 0, 30, i -> "{\"n\":" + i + ",\"status\":\"" + (i % 3 == 0 ? "Placed"
            : "Cancelled") + "\"}");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), "predicated"))
            .hasSize(10));
        await().atMost(TIMEOUT).until(() -> committed("predicate-sink", "predicated") == 30);
        assertThat(eventBridge.events()).hasSize(10);
        connect.deleteConnector("predicate-sink");
    }
}
