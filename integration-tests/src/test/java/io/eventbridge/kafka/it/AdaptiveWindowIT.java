package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.deliveredOffsets;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static io.eventbridge.kafka.it.SinkTestSupport.taskMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The short CI version of scripts/quota-benchmark.sh: two sink tasks drain a backlog through the local account's
 * PutEvents quota. The adaptive window backs off below max.in.flight.requests, every record arrives, nothing is
 * dead-lettered; and with quota.connector.share.percent the connector stays under its share, so the account's
 * quota is never hit.
 */
class AdaptiveWindowIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @AfterEach
    void clearQuota() {
        eventBridge.faults().clear();
    }

    @Test
    void tasksSharingAThrottledQuotaBackOffAndDeliverEverything() throws Exception {
        connect.kafka().createTopic("quota-drain", 2);
        produce(connect, "quota-drain", 0, 4_000, i -> "{\"n\":" + i + "}");
        eventBridge.faults().latencyMs(10).accountQuota(40, 0);
        Map<String, String> config = stack.sinkConfig("quota-drain", "quota-drain-bus");
        config.put("tasks.max", "2");
        LocalStack.withDeadLetterTopic(config, "quota-drain-dlq");
        connect.configureConnector("quota-drain", config);
        AtomicReference<Double> smallestWindow = new AtomicReference<>(32.0);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            double window = taskMetric("quota-drain", "in-flight-window");
            if (window > 0) {
                smallestWindow.accumulateAndGet(window, Math::min);
            }
            return deliveredOffsets(eventBridge.events(), "quota-drain").size() == 4_000;
        });
        assertThat(eventBridge.quotaThrottledRequests()).as("the quota was hit").isPositive();
        assertThat(smallestWindow.get())
                .as("the two windows (max 16 each) backed off")
                .isLessThan(16);
        assertThat(taskMetric("quota-drain", "throttled-requests-total")).isPositive();
        // every record arrived (the wait above counts distinct offsets); a second copy can only come from the
        // tasks' first rebalance, when a task joins and re-reads what was sent but not yet committed
        assertThat(connect.kafka().endOffset(new org.apache.kafka.common.TopicPartition("quota-drain-dlq", 0)))
                .isZero();
        connect.deleteConnector("quota-drain");
    }

    @Test
    void aConnectorCappedToAShareOfTheQuotaLeavesTheRestToOthers() throws Exception {
        connect.kafka().createTopic("quota-capped", 2);
        produce(connect, "quota-capped", 0, 2_000, i -> "{\"n\":" + i + "}");
        eventBridge.faults().accountQuota(40, 0);
        Map<String, String> config = stack.sinkConfig("quota-capped", "quota-capped-bus");
        config.put("tasks.max", "2");
        config.put("quota.account.requests.per.second", "40");
        config.put("quota.connector.share.percent", "50"); // 20 requests/s: 10 per task
        connect.configureConnector("quota-capped", config);
        await().atMost(TIMEOUT)
                .until(() ->
                        deliveredOffsets(eventBridge.events(), "quota-capped").size() == 2_000);
        assertThat(eventBridge.quotaThrottledRequests())
                .as("half the quota is never over it")
                .isZero();
        connect.deleteConnector("quota-capped");
    }
}
