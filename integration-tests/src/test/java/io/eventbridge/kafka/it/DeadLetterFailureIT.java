package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, scenario 7 on the embedded stack: the sink with errors.tolerance=all and a dead-letter topic it cannot
 * write to (records larger than the topic takes). The task fails loudly, and its committed offset never passes the
 * record whose dead letter was not written; once the topic takes the record and the task is restarted, the record
 * is dead-lettered and every other record delivered: nothing is lost.
 */
class DeadLetterFailureIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void anUnwritableDeadLetterTopicFailsTheTaskAndLosesNothing() throws Exception {
        connect.kafka().createTopic("dlq-fail", 1, 1, Map.of("max.message.bytes", "2097152"));
        connect.kafka().createTopic("dlq-fail-dlq", 1, 1, Map.of("max.message.bytes", "4096"));
        Map<String, String> config =
                LocalStack.withDeadLetterTopic(stack.sinkConfig("dlq-fail", "dlq-fail-bus"), "dlq-fail-dlq");
        config.put("event.detail.mode", "value");
        config.put("offset.flush.interval.ms", "1000");
        connect.configureConnector("dlq-fail-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dlq-fail-sink", 1, "sink");

        SinkTestSupport.produceWithOneTooLarge(connect, "dlq-fail");
        // the dead letter (300 KB) cannot be written to a topic that takes 4 KB: the task fails, loudly
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var status = connect.connectorStatus("dlq-fail-sink");
            assertThat(status.tasks()).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo("FAILED");
                assertThat(t.trace()).containsIgnoringCase("RecordTooLarge");
            });
        });
        assertThat(SinkTestSupport.committed(connect, "dlq-fail-sink", "dlq-fail"))
                .as("never past the record without its dead letter")
                .isLessThanOrEqualTo(10);

        // the operator fixes the topic and restarts the task: the record is dead-lettered, the rest delivered
        try (Admin admin = connect.kafka().createAdminClient()) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, "dlq-fail-dlq"),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("max.message.bytes", "2097152"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        connect.restartTask("dlq-fail-sink", 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dlq-fail-sink", 1, "restarted");
        await().atMost(TIMEOUT).until(() -> SinkTestSupport.committed(connect, "dlq-fail-sink", "dlq-fail") == 21);
        var dlq = connect.kafka().consume(1, TIMEOUT.toMillis(), "dlq-fail-dlq");
        assertThat(new String(dlq.iterator().next().key(), StandardCharsets.UTF_8))
                .isEqualTo("k10");
        assertThat(SinkTestSupport.deliveredNumbers(eventBridge.events()))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        connect.deleteConnector("dlq-fail-sink");
    }
}
