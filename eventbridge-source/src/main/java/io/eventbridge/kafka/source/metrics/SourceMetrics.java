package io.eventbridge.kafka.source.metrics;

import io.eventbridge.kafka.common.metrics.TaskMetrics;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The source task's JMX metrics, under
 * {@code kafka.connect:type=eventbridge-source-task-metrics,connector=<name>,task=<id>}. Every metric is
 * listed in docs/metrics.md.
 */
public final class SourceMetrics extends TaskMetrics {
    public static final String GROUP = "eventbridge-source-task-metrics";

    private final Sensor received;
    private final Sensor written;
    private final Sensor deleted;
    private final Sensor deleteFailed;
    private final Sensor deadLettered;
    private final Sensor left;
    private final Sensor extensions;
    private final Sensor receiveLatency;
    private final Sensor eventLatency;
    private final Sensor deleteBatch;
    private final Sensor receiveBatch;

    public SourceMetrics(String connector, String task) {
        super(GROUP, connector, task);
        received = countAndRate("messages-received", "SQS messages received");
        written = countAndRate("records-written", "Records Kafka acknowledged");
        deleted = countAndRate("messages-deleted", "SQS messages deleted after their record was acknowledged");
        deleteFailed = countAndRate("delete-failures", "Messages that could not be deleted (they come back)");
        deadLettered = countAndRate("messages-dead-lettered", "Malformed messages written to the dead-letter topic");
        left = countAndRate("messages-left", "Malformed messages left in the queue for its redrive policy");
        extensions = countAndRate("visibility-extensions", "Messages whose visibility was extended");
        receiveLatency = latency("receive-latency", "ReceiveMessage latency");
        eventLatency = latency(
                "event-latency",
                "time from SQS receiving a message (SentTimestamp) to Kafka " + "acknowledging its record");
        receiveBatch = sensor("receive-batch-size");
        receiveBatch.add(
                name("receive-batch-size-avg", "Average messages per ReceiveMessage call"),
                new org.apache.kafka.common.metrics.stats.Avg());
        deleteBatch = sensor("delete-batch-size");
        deleteBatch.add(
                name("delete-batch-size-avg", "Average entries per DeleteMessageBatch call"),
                new org.apache.kafka.common.metrics.stats.Avg());
    }

    public void received(int messages, long latencyMs) {
        received.record(messages);
        receiveBatch.record(messages);
        receiveLatency.record(latencyMs);
    }

    /** Kafka acknowledged the record of a message SQS received at {@code sentTimestamp} (epoch ms; -1: unknown). */
    public void written(long sentTimestamp) {
        written.record();
        if (sentTimestamp > 0) {
            eventLatency.record(Math.max(0, System.currentTimeMillis() - sentTimestamp));
        }
    }

    public void deleted() {
        deleted.record();
    }

    public void deleteFailed() {
        deleteFailed.record();
    }

    public void deadLettered() {
        deadLettered.record();
    }

    public void left() {
        left.record();
    }

    public void deleteBatch(int entries) {
        deleteBatch.record(entries);
    }

    public void extended(int count) {
        extensions.record(count);
    }
}
