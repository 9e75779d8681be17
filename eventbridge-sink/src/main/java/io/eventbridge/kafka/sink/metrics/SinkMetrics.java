package io.eventbridge.kafka.sink.metrics;

import io.eventbridge.kafka.common.metrics.TaskMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;

/**
 * The sink task's JMX metrics, under
 * {@code kafka.connect:type=eventbridge-sink-task-metrics,connector=<name>,task=<id>}; failures by
 * error code add an {@code error-code} tag. Every metric is listed in docs/metrics.md.
 */
public final class SinkMetrics extends TaskMetrics {
    public static final String GROUP = "eventbridge-sink-task-metrics";

    private final Sensor sent;
    private final Sensor retries;
    private final Sensor deadLettered;
    private final Sensor offloads;
    private final Sensor tombstonesSkipped;
    private final Sensor filtered;
    private final Sensor entriesPerRequest;
    private final Sensor bytesPerRequest;
    private final Sensor latency;
    private final Sensor requests;
    private final Map<String, Sensor> failedByCode = new ConcurrentHashMap<>();

    public SinkMetrics(String connector, String task) {
        super(GROUP, connector, task);
        sent = countAndRate("events-sent", "Events EventBridge accepted");
        retries = countAndRate("retries", "Entries re-sent after a retryable failure");
        deadLettered = countAndRate("dead-lettered", "Records given to errors.tolerance=all handling (DLQ or log)");
        offloads = countAndRate("offloads", "Events whose payload was offloaded to S3");
        tombstonesSkipped = countAndRate("tombstones-skipped", "Tombstones not sent (tombstone.behavior=skip)");
        filtered = countAndRate("events-filtered", "Events not sent because event.filter.pattern does not match them");
        entriesPerRequest = sensor("entries-per-request");
        entriesPerRequest.add(name("entries-per-request-avg", "Average entries per PutEvents request"), new Avg());
        entriesPerRequest.add(name("entries-per-request-max", "Most entries in one PutEvents request"), new Max());
        bytesPerRequest = sensor("bytes-per-request");
        bytesPerRequest.add(name("bytes-per-request-avg", "Average request size (size formula)"), new Avg());
        bytesPerRequest.add(name("bytes-per-request-max", "Largest request size (size formula)"), new Max());
        latency = latency("put-events-latency", "PutEvents latency");
        requests = sensor("requests");
        requests.add(name("requests-total", "PutEvents requests completed"), new CumulativeSum());
    }

    public void request(int entries, int bytes, long latencyMs) {
        entriesPerRequest.record(entries);
        bytesPerRequest.record(bytes);
        latency.record(latencyMs);
        requests.record();
    }

    public void sent(int count) {
        sent.record(count);
    }

    public void failed(String errorCode) {
        failedByCode.computeIfAbsent(errorCode == null ? "unknown" : errorCode,
            code -> taggedCountAndRate("events-failed", "Failed entries by error code", "error-code", code)).record();
    }

    public void retry() {
        retries.record();
    }

    public void deadLettered() {
        deadLettered.record();
    }

    public void offloaded() {
        offloads.record();
    }

    public void tombstoneSkipped() {
        tombstonesSkipped.record();
    }

    public void filtered() {
        filtered.record();
    }

    /** Current value of a metric by name (for tests and the benchmark harness). */
    public double value(String name) {
        return value(name, "error-code");
    }
}
