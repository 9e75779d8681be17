package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.deliveredOffsets;
import static io.eventbridge.kafka.it.SinkTestSupport.detail;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Sending only what some rule wants: the sink's event.filter.pattern keeps events a pattern does not match off the
 * bus (not sent, not billed) while their offsets still commit, counts them and their billed chunks, and can copy them
 * to an audit topic; the EventPatternPredicate does the
 * same job on a record's value for Connect's Filter SMT, here on the sink.
 */
class EventFilterIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static long committed(String connector, String topic) throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata()
                    .get();
            OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }

    private static List<io.eventbridge.kafka.it.local.ReceivedEvent> onBus(String bus) {
        return eventBridge.events().stream()
                .filter(e -> e.eventBus().equals(bus))
                .toList();
    }

    @Test
    void aFilterPatternSendsExactlyTheMatchingThirtyPercentAndStillCommitsEveryOffset() throws Exception {
        connect.kafka().createTopic("filtered", 1);
        Map<String, String> config = stack.sinkConfig("filtered", "filter-bus");
        config.put("event.detail.mode", "value");
        config.put("event.filter.pattern", "{\"detail\":{\"total\":[{\"numeric\":[\">=\",100]}]}}");
        connect.configureConnector("filter-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("filter-sink", 1, "did not start");

        // 3 of every 10 records match: 3,000 of 10,000
        produce(connect, "filtered", 0, 10_000, i -> "{\"n\":" + i + ",\"total\":" + (i % 10 < 3 ? 150 : 20) + "}");
        await().atMost(TIMEOUT).until(() -> committed("filter-sink", "filtered") == 10_000);
        await().atMost(TIMEOUT).until(() -> onBus("filter-bus").size() >= 3_000);
        assertThat(onBus("filter-bus"))
                .hasSize(3_000)
                .allSatisfy(e -> assertThat(detail(e).path("n").asInt() % 10).isLessThan(3));
        assertThat(onBus("filter-bus").stream()
                        .map(e -> detail(e).path("n").asInt())
                        .distinct())
                .hasSize(3_000);
        assertThat(SinkTestSupport.taskMetric("filter-sink", "events-filtered-total"))
                .isEqualTo(7_000);
        assertThat(SinkTestSupport.taskMetric("filter-sink", "events-sent-total"))
                .isEqualTo(3_000);
        assertThat(SinkTestSupport.taskMetric("filter-sink", "billed-chunks-total"))
                .isEqualTo(3_000);
        assertThat(SinkTestSupport.taskMetric("filter-sink", "filtered-chunks-total"))
                .isEqualTo(7_000);
        connect.deleteConnector("filter-sink");
    }

    @Test
    void filteredEventsGoToTheAuditTopicBeforeTheirOffsetsCommit() throws Exception {
        connect.kafka().createTopic("audited", 1);
        connect.kafka().createTopic("audited-filtered", 1);
        Map<String, String> config = stack.sinkConfig("audited", "audit-bus");
        config.put("event.detail.mode", "value");
        config.put("event.filter.pattern", "{\"detail\":{\"status\":[\"Placed\"]}}");
        config.put("event.filter.audit.topic", "audited-filtered");
        config.put("event.filter.audit.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("event.filter.audit.producer.compression.type", "lz4");
        connect.configureConnector("audit-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("audit-sink", 1, "did not start");

        produce(
                connect,
                "audited",
                0,
                40,
                i -> "{\"n\":" + i + ",\"status\":\"" + (i % 4 == 0 ? "Placed" : "Cancelled") + "\"}");
        await().atMost(TIMEOUT).until(() -> committed("audit-sink", "audited") == 40);
        var audit = connect.kafka().consume(30, TIMEOUT.toMillis(), "audited-filtered");
        List<Integer> audited = new java.util.ArrayList<>();
        for (var r : audit) {
            var event = SinkTestSupport.JSON.readTree(r.value());
            assertThat(event.path("detail").path("status").asText()).isEqualTo("Cancelled");
            assertThat(event.path("source").asText()).isNotEmpty();
            String offset = new String(
                    r.headers().lastHeader("eventbridge.audit.offset").value(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("audited-0@" + offset);
            audited.add(event.path("detail").path("n").asInt());
        }
        assertThat(audited)
                .hasSize(30)
                .doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n % 4).isNotZero());
        await().atMost(TIMEOUT)
                .until(() -> eventBridge.events().stream()
                                .filter(e -> e.eventBus().equals("audit-bus"))
                                .count()
                        == 10);
        connect.deleteConnector("audit-sink");
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

        produce(
                connect,
                "predicated",
                0,
                30,
                i -> "{\"n\":" + i + ",\"status\":\"" + (i % 3 == 0 ? "Placed" : "Cancelled") + "\"}");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), "predicated"))
                        .hasSize(10));
        await().atMost(TIMEOUT).until(() -> committed("predicate-sink", "predicated") == 30);
        assertThat(eventBridge.events()).hasSize(10);
        connect.deleteConnector("predicate-sink");
    }
}
