package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.SinkBenchmark;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServerConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The sink on a freshly started worker at 0 ms endpoint latency, where it is CPU-bound ({@link Efficiency};
 * scripts/sink-efficiency.sh): a 4-partition topic pre-filled with the JSON orders of about 500 bytes of
 * {@link SinkBenchmark}, the connector with its defaults, schemaless JSON and {@code errors.tolerance=all} with a
 * dead-letter topic as the sink benchmark runs it, timed by the tasks' {@code events-sent-total}. The local EventBridge
 * is warmed by plain PutEvents calls of 10 entries.
 */
public final class SinkEfficiency implements Efficiency.Subject {
    private static final String GROUP = "eventbridge-sink-task-metrics";

    public static void main(String[] args) throws Exception {
        Efficiency.main(new SinkEfficiency(), args);
    }

    @Override
    public String server() {
        return "eventbridge";
    }

    @Override
    public String metricGroup() {
        return GROUP;
    }

    @Override
    public String doneAttribute() {
        return "events-sent-total";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("records", "600000", "steady", "200000", "tasks", "1");
    }

    @Override
    public void warmServer(ProcessCluster cluster, int records) throws Exception {
        LocalEventBridge eventBridge = cluster.eventBridge();
        eventBridge.keepEvents(false);
        eventBridge.createBus("efficiency-warm-up");
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName("efficiency-warm-up")
                    .source("warm-up")
                    .detailType("order")
                    .detail("{\"orderId\":\"" + i + "\",\"note\":\"" + "x".repeat(400) + "\"}")
                    .build());
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EventBridgeClient client = EventBridgeClient.builder()
                .region(Region.of(LocalEventBridge.REGION))
                .endpointOverride(URI.create(eventBridge.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < records / 10 / threads; i++) {
                        client.putEvents(r -> r.entries(entries));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public Map<String, String> prepare(ProcessCluster cluster, String name, int records) {
        cluster.kafka().createTopic(name, 4);
        SinkBenchmark.fill(cluster.kafka(), name, records);
        cluster.eventBridge().faults().latencyMs(0);
        Map<String, String> config = LocalStack.sinkConfig(
                LocalStack.localClientKeys(
                        "aws.eventbridge.", cluster.eventBridge().endpoint()),
                name,
                cluster.eventBridge().createBus(name + "-bus"));
        LocalStack.withDeadLetterTopic(config, name + "-dlq");
        return config;
    }

    @Override
    public String summary(MBeanServerConnection server, String connector) throws Exception {
        return String.format(
                Locale.ROOT,
                "%.1f entries and %,.0f bytes per PutEvents request",
                Efficiency.taskMetric(server, GROUP, connector, "entries-per-request-avg"),
                Efficiency.taskMetric(server, GROUP, connector, "bytes-per-request-avg"));
    }
}
