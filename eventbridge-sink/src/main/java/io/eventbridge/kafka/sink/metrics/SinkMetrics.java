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
    private final Sensor billedChunks;
    private final Sensor filteredChunks;
    private final Sensor sentFailOpen;
    private final Sensor filterRefreshes;
    private final Sensor notDescribed;
    private final Sensor entriesPerRequest;
    private final Sensor bytesPerRequest;
    private final Sensor latency;
    private final Sensor eventLatency;
    private final Sensor requests;
    private final Map<String, Sensor> failedByCode = new ConcurrentHashMap<>();

    public SinkMetrics(String connector, String task) {
        super(GROUP, connector, task);
        sent = countAndRate("events-sent", "Events EventBridge accepted");
        retries = countAndRate("retries", "Entries re-sent after a retryable failure");
        deadLettered = countAndRate("dead-lettered", "Records given to errors.tolerance=all handling (DLQ or log)");
        offloads = countAndRate("offloads", "Events whose payload was offloaded to S3");
        tombstonesSkipped = countAndRate("tombstones-skipped", "Tombstones not sent (tombstone.behavior=skip)");
        filtered = countAndRate(
                "events-filtered",
                "Events not sent because the filter (event.filter.pattern, or the "
                        + "bus's rules with event.filter=bus-rules) does not want them");
        billedChunks = countAndRate(
                "billed-chunks",
                "64 KB chunks EventBridge bills for the events it accepted: "
                        + "each event is ceil(size / 65536) chunks, at least 1, size by the PutEvents size formula");
        filteredChunks = countAndRate(
                "filtered-chunks",
                "64 KB chunks of the filtered events: what sending them " + "would have been billed");
        sentFailOpen = countAndRate(
                "events-sent-fail-open",
                "Events event.filter=bus-rules sent without matching " + "them, because it was failing open");
        filterRefreshes =
                countAndRate("event-filter-refreshes", "Readings of the bus's rules by event.filter=bus-rules");
        notDescribed = countAndRate(
                "schema-not-described",
                "Events sent whose Detail the schema publisher could "
                        + "not describe (schema.registry.publish; the event is sent all the same)");
        entriesPerRequest = sensor("entries-per-request");
        entriesPerRequest.add(name("entries-per-request-avg", "Average entries per PutEvents request"), new Avg());
        entriesPerRequest.add(name("entries-per-request-max", "Most entries in one PutEvents request"), new Max());
        bytesPerRequest = sensor("bytes-per-request");
        bytesPerRequest.add(name("bytes-per-request-avg", "Average request size (size formula)"), new Avg());
        bytesPerRequest.add(name("bytes-per-request-max", "Largest request size (size formula)"), new Max());
        latency = latency("put-events-latency", "PutEvents latency");
        eventLatency =
                latency("event-latency", "time from a record's Kafka timestamp to EventBridge accepting its event");
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
        failedByCode
                .computeIfAbsent(
                        errorCode == null ? "unknown" : errorCode,
                        code -> taggedCountAndRate("events-failed", "Failed entries by error code", "error-code", code))
                .record();
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

    /** An event the filter kept from the bus, of {@code bytes} by the PutEvents size formula. */
    public void filtered(int bytes) {
        filtered.record();
        filteredChunks.record(chunks(bytes));
    }

    /** Events EventBridge accepted, and the 64 KB chunks they are billed as. */
    public void billed(long chunks) {
        billedChunks.record(chunks);
    }

    /** EventBridge's billing unit: each 64 KB (65,536 bytes) of an event is one event, at least one. */
    public static int chunks(int bytes) {
        return Math.max(1, (bytes + 65_535) / 65_536);
    }

    public void sentFailOpen() {
        sentFailOpen.record();
    }

    public void filterRefresh() {
        filterRefreshes.record();
    }

    /** Current value of a metric by name (for tests and the benchmark harness). */
    public double value(String name) {
        return value(name, "error-code");
    }

    public void schemaNotDescribed() {
        notDescribed.record();
    }

    /** An event EventBridge accepted {@code ms} after its record's Kafka timestamp. */
    public void eventLatency(long ms) {
        eventLatency.record(Math.max(0, ms));
    }
}
