package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, scenario 7 with the dead-letter topic deleted while the sink runs, on a broker that does not create
 * topics on demand (as production brokers are usually set): the dead letter cannot be written, the task fails naming
 * the topic, its committed offset stays below the record; once the topic is back and the task restarted, the record
 * is dead-lettered and every other record delivered.
 */
class MissingDeadLetterTopicIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static LocalStack stack;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(1, Map.of(), Map.of("auto.create.topics.enable", "false"));
        connect = stack.connect();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aDeletedDeadLetterTopicFailsTheTaskAndLosesNothing() throws Exception {
        connect.kafka().createTopic("dlq-gone", 1, 1, Map.of("max.message.bytes", "2097152"));
        connect.kafka().createTopic("dlq-gone-dlq", 1, 1, Map.of("max.message.bytes", "2097152"));
        Map<String, String> config =
                LocalStack.withDeadLetterTopic(stack.sinkConfig("dlq-gone", "dlq-gone-bus"), "dlq-gone-dlq");
        config.put("event.detail.mode", "value");
        config.put("producer.override.max.block.ms", "5000"); // how long the dead-letter producer waits for the topic
        connect.configureConnector("dlq-gone-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dlq-gone-sink", 1, "sink");
        try (Admin admin = connect.kafka().createAdminClient()) {
            admin.deleteTopics(Set.of("dlq-gone-dlq")).all().get();
            await().atMost(TIMEOUT)
                    .until(() -> !admin.listTopics().names().get().contains("dlq-gone-dlq"));
        }

        SinkTestSupport.produceWithOneTooLarge(connect, "dlq-gone");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var status = connect.connectorStatus("dlq-gone-sink");
            assertThat(status.tasks()).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo("FAILED");
                assertThat(t.trace()).contains("dlq-gone-dlq");
            });
        });
        assertThat(SinkTestSupport.committed(connect, "dlq-gone-sink", "dlq-gone"))
                .as("never past the record without its dead letter")
                .isLessThanOrEqualTo(10);

        // the operator creates the topic again and restarts the task
        connect.kafka().createTopic("dlq-gone-dlq", 1, 1, Map.of("max.message.bytes", "2097152"));
        connect.restartTask("dlq-gone-sink", 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dlq-gone-sink", 1, "restarted");
        await().atMost(TIMEOUT).until(() -> SinkTestSupport.committed(connect, "dlq-gone-sink", "dlq-gone") == 21);
        var dlq = connect.kafka().consume(1, TIMEOUT.toMillis(), "dlq-gone-dlq");
        assertThat(new String(dlq.iterator().next().key(), StandardCharsets.UTF_8))
                .isEqualTo("k10");
        assertThat(SinkTestSupport.deliveredNumbers(stack.eventBridge().events()))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        connect.deleteConnector("dlq-gone-sink");
    }
}
