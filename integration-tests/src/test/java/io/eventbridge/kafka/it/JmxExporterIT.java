package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.local.LocalSqs;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring on a running worker: the Prometheus JMX exporter's own rule engine ({@link JmxCollector}) reads
 * jmx-exporter.yml and scrapes the MBeans of the embedded worker while a sink (filtering by the bus's rules,
 * publishing schemas, meeting throttling) and a source (inferring and publishing schemas) run. Every metric
 * docs/metrics.md lists comes out under its Prometheus name with the labels connector and task, and every query of
 * grafana-dashboard.json uses only metric and label names that came out.
 */
class JmxExporterIT extends EmbeddedStackTest {
    private static final Path DEPLOY = Paths.get("..", "deploy", "monitoring");
    private static final Path METRICS_DOC = Paths.get("..", "docs", "metrics.md");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:eventbridge|kafka_connect)_[a-z0-9_]+)\\b");

    /** Prometheus name -> the label sets of its samples, as the exporter gave them. */
    private static Map<String, List<Map<String, String>>> scraped;

    @BeforeAll
    static void runBothConnectorsAndScrape() throws Exception {
        connect.kafka().createTopic("mx-in", 1);
        connect.kafka().createTopic("mx-out", 1);
        String bus = "mx-bus";
        eventBridge.createBus(bus);
        String target = stack.sqs().createQueue("mx-rule-target");
        eventBridge.createRule(bus, "mx-rule", "{\"detail\":{\"kind\":[\"wanted\"]}}", LocalSqs.queueArn(target));
        eventBridge.faults().entryThrottleRate(0.3);

        Map<String, String> sink = stack.sinkConfig("mx-in", bus);
        sink.put("event.detail.mode", "value");
        sink.put("event.filter", "bus-rules");
        sink.put("event.filter.refresh.ms", "1000");
        sink.put("schema.registry.publish", "true");
        sink.put("schema.registry.name", "mx-registry");
        sink.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        sink.put("retry.backoff.ms", "20");
        connect.configureConnector("mx-sink", sink);

        String queue = stack.sqs().createQueue("mx-source");
        Map<String, String> source = stack.sourceConfig("mx-out", queue);
        source.put("schema.mode", "infer");
        source.put("schema.registry.publish", "true");
        source.put("schema.registry.name", "mx-registry");
        source.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        connect.configureConnector("mx-source", source);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("mx-sink", 1, "sink");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("mx-source", 1, "source");

        produce(
                connect,
                "mx-in",
                0,
                200,
                i -> "{\"n\":" + i + ",\"kind\":\"" + (i % 2 == 0 ? "wanted" : "not") + "\"}");
        stack.sqs()
                .send(
                        queue,
                        IntStream.range(0, 50)
                                .mapToObj(i -> "{\"version\":\"0\",\"id\":\"mx-" + i
                                        + "\",\"detail-type\":\"Order Placed\",\"source\":\"com.shop\",\"account\":\"123456789012\","
                                        + "\"time\":\"2026-12-07T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"n\":"
                                        + i
                                        + "}}")
                                .toList(),
                        null);
        await().atMost(TIMEOUT)
                .until(() -> eventBridge.events().stream()
                                        .filter(e -> e.eventBus().equals(bus))
                                        .count()
                                >= 100
                        && stack.sqs().visible(queue) == 0
                        && stack.sqs().inFlight(queue) == 0);
        eventBridge.faults().clear();

        // as the exporter's agent does: the collector in a registry, the registry scraped
        PrometheusRegistry registry = new PrometheusRegistry();
        new JmxCollector(DEPLOY.resolve("jmx-exporter.yml").toFile()).register(registry);
        Map<String, List<Map<String, String>>> out = new TreeMap<>();
        for (MetricSnapshot metric : registry.scrape()) {
            // the exposition name: a counter's samples are <name>_total
            String name =
                    metric.getMetadata().getPrometheusName() + (metric instanceof CounterSnapshot ? "_total" : "");
            for (DataPointSnapshot point : metric.getDataPoints()) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (Label label : point.getLabels()) {
                    labels.put(label.getName(), label.getValue());
                }
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
            }
        }
        scraped = out;
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target", "jmx-exporter-metrics.txt"), String.join("\n", out.keySet()) + "\n");
    }

    /** The attribute names docs/metrics.md lists in a section's tables (a row's first cell, every name in it). */
    private static Set<String> documented(String section) throws Exception {
        Set<String> names = new TreeSet<>();
        boolean in = false;
        for (String line : Files.readAllLines(METRICS_DOC)) {
            if (line.startsWith("## ")) {
                in = line.startsWith("## " + section);
            } else if (in && line.startsWith("| `")) {
                String cell = line.substring(1, line.indexOf('|', 1));
                cell = cell.contains("(") ? cell.substring(0, cell.indexOf('(')) : cell; // not "(tag `error-code`)"
                Matcher m = Pattern.compile("`([a-z0-9-]+)`").matcher(cell);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).as("metrics listed under %s", section).isNotEmpty();
        return names;
    }

    private static void assertExported(String prefix, String connector, Set<String> attributes) {
        List<String> missing = new ArrayList<>();
        for (String attribute : attributes) {
            String name = prefix + attribute.replace('-', '_');
            List<Map<String, String>> samples = scraped.getOrDefault(name, List.of());
            boolean labelled = samples.stream()
                    .anyMatch(l -> connector.equals(l.get("connector"))
                            && "0".equals(l.get("task"))
                            && (!attribute.startsWith("events-failed") || l.containsKey("error_code")));
            if (!labelled) {
                missing.add(name + " " + samples);
            }
        }
        assertThat(missing)
                .as("documented metrics without a sample labelled connector=%s, task=0", connector)
                .isEmpty();
    }

    @Test
    void everySinkMetricInTheDocsComesOutWithItsPrometheusNameAndLabels() throws Exception {
        assertExported("eventbridge_sink_", "mx-sink", documented("Sink"));
        assertThat(scraped.get("eventbridge_sink_events_failed_total"))
                .anyMatch(l -> "ThrottlingException".equals(l.get("error_code")));
    }

    @Test
    void everySourceMetricInTheDocsComesOutWithItsPrometheusNameAndLabels() throws Exception {
        assertExported("eventbridge_source_", "mx-source", documented("Source"));
        assertExported("eventbridge_source_", "mx-source", documented("Schema publishing"));
        assertExported("eventbridge_sink_", "mx-sink", documented("Schema publishing"));
    }

    @Test
    void theWorkersTaskMetricsAndStatesComeOutPerConnectorAndTask() {
        for (String name : List.of(
                "kafka_connect_connector_task_batch_size_avg",
                "kafka_connect_sink_task_sink_record_read_total",
                "kafka_connect_source_task_source_record_write_total",
                "kafka_connect_task_error_total_record_errors")) {
            assertThat(scraped.getOrDefault(name, List.of()))
                    .as(name)
                    .anyMatch(l -> l.containsKey("connector") && "0".equals(l.get("task")));
        }
        assertThat(scraped.get("kafka_connect_connector_task_status"))
                .anyMatch(l -> "mx-sink".equals(l.get("connector")) && "running".equals(l.get("status")))
                .anyMatch(l -> "mx-source".equals(l.get("connector")) && "running".equals(l.get("status")));
        assertThat(scraped).containsKey("kafka_connect_worker_task_count");
        assertThat(scraped.get("kafka_connect_worker_connector_running_task_count"))
                .anyMatch(l -> "mx-sink".equals(l.get("connector")));
    }

    @Test
    void everyDashboardQueryUsesOnlyMetricsAndLabelsTheExporterProduced() throws Exception {
        JsonNode dashboard =
                JSON.readTree(DEPLOY.resolve("grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        collectQueries(dashboard, queries);
        assertThat(queries).hasSizeGreaterThan(10);
        Set<String> labels = new TreeSet<>(Set.of("le", "job", "instance"));
        scraped.values().forEach(samples -> samples.forEach(l -> labels.addAll(l.keySet())));
        Map<String, List<String>> unknown = new HashMap<>();
        for (String query : queries) {
            Matcher m = METRIC_NAME.matcher(query);
            int found = 0;
            while (m.find()) {
                found++;
                if (!scraped.containsKey(m.group(1))) {
                    unknown.computeIfAbsent("metric " + m.group(1), k -> new ArrayList<>())
                            .add(query);
                }
            }
            assertThat(found).as("a query reads a metric of ours: %s", query).isPositive();
            Matcher by = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)|[{,]\\s*([a-z_]+)\\s*(?:=~|!=|=)")
                    .matcher(query);
            while (by.find()) {
                String group = by.group(1) != null ? by.group(1) : by.group(2);
                for (String label : group.split(",")) {
                    if (!label.isBlank() && !labels.contains(label.trim())) {
                        unknown.computeIfAbsent("label " + label.trim(), k -> new ArrayList<>())
                                .add(query);
                    }
                }
            }
        }
        assertThat(unknown).as("names the exporter did not produce").isEmpty();
        List<String> titles = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(p -> titles.add(p.path("title").asText().toLowerCase()));
        assertThat(titles)
                .anyMatch(t -> t.contains("throughput"))
                .anyMatch(t -> t.contains("p99"))
                .anyMatch(t -> t.contains("retries"))
                .anyMatch(t -> t.contains("dead-letter"))
                .anyMatch(t -> t.contains("in-flight window"))
                .anyMatch(t -> t.contains("buffer"))
                .anyMatch(t -> t.contains("visibility"));
    }

    /** Every {@code expr} of a panel target and every templating {@code query} of the dashboard. */
    private static void collectQueries(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else if (e.getKey().equals("query")
                        && e.getValue().isTextual()
                        && e.getValue().asText().contains("(")) {
                    out.add(e.getValue().asText());
                } else {
                    collectQueries(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectQueries(child, out));
        }
    }
}
