package io.eventbridge.kafka.common.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A task's JMX metrics through Kafka's {@link Metrics}, under
 * {@code kafka.connect:type=<group>,connector=<name>,task=<id>}: the building blocks (counters with a
 * rate, latencies with avg/max/p99, gauges) both connectors' metrics are made of.
 */
public class TaskMetrics implements AutoCloseable {
    private final Metrics metrics;
    private final String group;
    private final Map<String, String> tags;

    public TaskMetrics(String group, String connector, String task) {
        this.metrics = new Metrics(
                new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM, new KafkaMetricsContext("kafka.connect"));
        this.group = group;
        this.tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", task);
    }

    protected Sensor sensor(String name) {
        return metrics.sensor(group + ":" + tags + ":" + name);
    }

    protected MetricName name(String name, String doc) {
        return metrics.metricName(name, group, doc, tags);
    }

    /** A sensor with {@code <name>-total} and {@code <name>-rate}. */
    protected Sensor countAndRate(String name, String doc) {
        Sensor s = sensor(name);
        s.add(name(name + "-total", doc + " (total)"), new CumulativeSum());
        s.add(name(name + "-rate", doc + " (per second)"), new Rate());
        return s;
    }

    /**
     * A sensor with {@code <name>-avg}, {@code <name>-max}, {@code <name>-p50} and {@code <name>-p99} of a latency in
     * ms, over the metrics' sample window. The percentiles have 15 ms buckets up to 60 s (a longer latency counts
     * as 60 s there; the max is exact).
     */
    protected Sensor latency(String name, String doc) {
        Sensor s = sensor(name);
        s.add(name(name + "-avg", "Average " + doc + " (ms)"), new Avg());
        s.add(name(name + "-max", "Highest " + doc + " (ms)"), new Max());
        s.add(new Percentiles(
                4000,
                60_000,
                Percentiles.BucketSizing.LINEAR,
                new Percentile(name(name + "-p50", "Median " + doc + " (ms)"), 50),
                new Percentile(name(name + "-p99", "99th percentile " + doc + " (ms)"), 99)));
        return s;
    }

    /** A sensor and metric names with extra tags, e.g. an error code. */
    protected Sensor taggedCountAndRate(String name, String doc, String tag, String tagValue) {
        Map<String, String> extra = new LinkedHashMap<>(tags);
        extra.put(tag, tagValue);
        Sensor s = metrics.sensor(group + ":" + extra + ":" + name);
        s.add(metrics.metricName(name + "-total", group, doc + " (total)", extra), new CumulativeSum());
        s.add(metrics.metricName(name + "-rate", group, doc + " (per second)", extra), new Rate());
        return s;
    }

    /** The current value of a metric by name, summed over its tag variants without {@code excludedTag}. */
    public double value(String name, String excludedTag) {
        return metrics.metrics().entrySet().stream()
                .filter(e ->
                        e.getKey().name().equals(name) && !e.getKey().tags().containsKey(excludedTag))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    public void gauge(String name, String doc, Supplier<Number> value) {
        metrics.addMetric(
                name(name, doc), (Measurable) (config, now) -> value.get().doubleValue());
    }

    /** The gauges of publishing event schemas to a schema registry, the same for both connectors. */
    public void schemaRegistryGauges(
            Supplier<Number> versionsPublished,
            Supplier<Number> unchanged,
            Supplier<Number> failures,
            Supplier<Number> pending) {
        gauge(
                "schema-versions-published",
                "Schema versions this task created in the schema registry",
                versionsPublished);
        gauge(
                "schema-versions-unchanged",
                "Schemas this task offered that the registry already had as a version",
                unchanged);
        gauge("schema-publish-failures", "Schema registry calls that failed (retried in the background)", failures);
        gauge("schemas-pending", "Schemas waiting to be published", pending);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
