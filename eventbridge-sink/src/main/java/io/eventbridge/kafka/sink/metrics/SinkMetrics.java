package io.eventbridge.kafka.sink.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

/**
 * The task's JMX metrics, under
 * {@code kafka.connect:type=eventbridge-sink-task-metrics,connector=<name>,task=<id>}; failures by
 * error code add an {@code error-code} tag. Every metric is listed in docs/metrics.md.
 */
public final class SinkMetrics implements AutoCloseable {
    public static final String GROUP = "eventbridge-sink-task-metrics";

    private final Metrics metrics;
    private final Map<String, String> tags;
    private final Sensor sent;
    private final Sensor retries;
    private final Sensor deadLettered;
    private final Sensor offloads;
    private final Sensor tombstonesSkipped;
    private final Sensor entriesPerRequest;
    private final Sensor bytesPerRequest;
    private final Sensor latency;
    private final Map<String, Sensor> failedByCode = new ConcurrentHashMap<>();

    public SinkMetrics(String connector, String task) {
        this.metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
            new KafkaMetricsContext("kafka.connect"));
        this.tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", task);
        sent = countAndRate("events-sent", "Events EventBridge accepted");
        retries = countAndRate("retries", "Entries re-sent after a retryable failure");
        deadLettered = countAndRate("dead-lettered", "Records given to errors.tolerance=all handling (DLQ or log)");
        offloads = countAndRate("offloads", "Events whose payload was offloaded to S3");
        tombstonesSkipped = countAndRate("tombstones-skipped", "Tombstones not sent (tombstone.behavior=skip)");
        entriesPerRequest = sensor("entries-per-request");
        entriesPerRequest.add(name("entries-per-request-avg", "Average entries per PutEvents request"), new Avg());
        entriesPerRequest.add(name("entries-per-request-max", "Most entries in one PutEvents request"), new Max());
        bytesPerRequest = sensor("bytes-per-request");
        bytesPerRequest.add(name("bytes-per-request-avg", "Average request size (size formula)"), new Avg());
        bytesPerRequest.add(name("bytes-per-request-max", "Largest request size (size formula)"), new Max());
        latency = sensor("put-events-latency");
        latency.add(name("put-events-latency-avg", "Average PutEvents latency (ms)"), new Avg());
        latency.add(name("put-events-latency-max", "Highest PutEvents latency (ms)"), new Max());
        latency.add(new Percentiles(4000, 60_000, Percentiles.BucketSizing.LINEAR,
            new Percentile(name("put-events-latency-p99", "99th percentile PutEvents latency (ms)"), 99)));
        sensor("requests").add(name("requests-total", "PutEvents requests completed"), new CumulativeSum());
    }

    private Sensor sensor(String name) {
        return metrics.sensor(GROUP + ":" + tags + ":" + name);
    }

    private MetricName name(String name, String doc) {
        return metrics.metricName(name, GROUP, doc, tags);
    }

    private Sensor countAndRate(String name, String doc) {
        Sensor s = sensor(name);
        s.add(name(name + "-total", doc + " (total)"), new CumulativeSum());
        s.add(name(name + "-rate", doc + " (per second)"), new Rate());
        return s;
    }

    public void gauge(String name, String doc, Supplier<Number> value) {
        metrics.addMetric(name(name, doc), (Measurable) (config, now) -> value.get().doubleValue());
    }

    public void request(int entries, int bytes, long latencyMs) {
        entriesPerRequest.record(entries);
        bytesPerRequest.record(bytes);
        latency.record(latencyMs);
        metrics.getSensor(GROUP + ":" + tags + ":requests").record();
    }

    public void sent(int count) {
        sent.record(count);
    }

    public void failed(String errorCode) {
        failedByCode.computeIfAbsent(errorCode == null ? "unknown" : errorCode, code -> {
            Map<String, String> codeTags = new LinkedHashMap<>(tags);
            codeTags.put("error-code", code);
            Sensor s = metrics.sensor(GROUP + ":" + codeTags + ":events-failed");
            s.add(metrics.metricName("events-failed-total", GROUP, "Failed entries by error code (total)", codeTags),
                new CumulativeSum());
            s.add(metrics.metricName("events-failed-rate", GROUP, "Failed entries by error code (per second)",
                codeTags), new Rate());
            return s;
        }).record();
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

    /** Current value of a metric by name (for tests and the benchmark harness). */
    public double value(String name) {
        return metrics.metrics().entrySet().stream()
            .filter(e -> e.getKey().name().equals(name) && !e.getKey().tags().containsKey("error-code"))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
