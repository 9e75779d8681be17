package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.chart.Charts;
import io.eventbridge.kafka.it.chart.RateTimeline;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The sink draining a backlog under an account-wide PutEvents quota of the local EventBridge: the fixed and the
 * adaptive window at the same settings, and the adaptive window capped to a share of the quota while another
 * producer of the same account (a plain SDK loop, one entry per request, no retries) sends beside it. Prints a
 * Markdown table.
 *
 * <p>Arguments: {@code records=200000 tasks=4 quota=300 latencyMs=20 neighbour=100 share=50
 * runs=fixed,adaptive,fixed+neighbour,adaptive+neighbour,adaptive+cap+neighbour
 * charts=integration-tests/target/charts}; the charts are each run's delivered events/s over time, and a bar per run
 * of the delivered events/s, the fixed window being the baseline.
 */
public final class QuotaBenchmark {
    private QuotaBenchmark() {}

    record Result(
            String run,
            long records,
            long delivered,
            double seconds,
            long requests,
            long throttled,
            long neighbourSent,
            long neighbourOk,
            double neighbourSeconds,
            long duplicates,
            long dlq,
            RateTimeline timeline) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>(Map.of(
                "records",
                "200000",
                "tasks",
                "4",
                "quota",
                "300",
                "latencyMs",
                "20",
                "neighbour",
                "100",
                "share",
                "50",
                "runs",
                "fixed,adaptive,fixed+neighbour,adaptive+neighbour,adaptive+cap+neighbour",
                "charts",
                "integration-tests/target/charts"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int records = Integer.parseInt(a.get("records"));
        int tasks = Integer.parseInt(a.get("tasks"));
        int quota = Integer.parseInt(a.get("quota"));
        int latency = Integer.parseInt(a.get("latencyMs"));
        int neighbour = Integer.parseInt(a.get("neighbour"));
        int share = Integer.parseInt(a.get("share"));
        List<Result> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(1, Map.of(), Map.of("group.initial.rebalance.delay.ms", "3000"))) {
            stack.eventBridge().keepEvents(false);
            int n = 0;
            for (String run : a.get("runs").split(",")) {
                results.add(run(
                        stack,
                        "quota" + n++,
                        run,
                        records,
                        tasks,
                        quota,
                        latency,
                        run.contains("neighbour") ? neighbour : 0,
                        run.contains("cap") ? share : 100));
            }
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Account quota %d requests/s (%d events/s at 10 entries), endpoint latency %d ms, "
                        + "tasks.max=%d, %d backlog records%n",
                quota,
                quota * 10,
                latency,
                tasks,
                records);
        System.out.println("| run | delivered events/s | of the quota's events/s | sink requests | throttled "
                + "| throttled share | neighbour requests/s ok | neighbour kept | lost | duplicates | dead-lettered |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            double rate = r.delivered() / r.seconds();
            String kept = r.neighbourSent() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f%%", 100.0 * r.neighbourOk() / r.neighbourSent());
            String okRate = r.neighbourSent() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f", r.neighbourOk() / r.neighbourSeconds());
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f%% | %d | %d | %.1f%% | %s | %s | %d | %d | %d |%n",
                    r.run(),
                    rate,
                    100 * rate / (quota * 10.0),
                    r.requests(),
                    r.throttled(),
                    100.0 * r.throttled() / Math.max(1, r.requests()),
                    okRate,
                    kept,
                    r.records() - r.delivered(),
                    r.duplicates(),
                    r.dlq());
        }
        Path dir = Path.of(a.get("charts"));
        Map<String, RateTimeline> timelines = new LinkedHashMap<>();
        Map<String, Double> bars = new LinkedHashMap<>();
        for (Result r : results) {
            timelines.put(label(r.run(), share), r.timeline());
            bars.put(label(r.run(), share), r.delivered() / r.seconds());
        }
        String setUp = String.format(
                Locale.ROOT,
                "Sink, %d tasks under a %d requests/s account quota, %d ms endpoint",
                tasks,
                quota,
                latency);
        for (Path chart : List.of(
                Charts.timeline(
                        dir.resolve("quota-events-per-second.png"), setUp + ": delivered events/s", timelines, 1.0),
                Charts.bars(
                        dir.resolve("quota-windows.png"), setUp + ": windows compared", "delivered events/s", bars))) {
            System.out.println("Chart: " + chart.toAbsolutePath());
        }
        System.exit(0);
    }

    /** A run's name in the charts: fixed window, adaptive window, adaptive window 50% cap, + neighbour. */
    private static String label(String run, int share) {
        return run.replace("fixed", "fixed window")
                .replace("adaptive", "adaptive window")
                .replace("+cap", " " + share + "% cap")
                .replace("+neighbour", " + neighbour");
    }

    private static Result run(
            LocalStack stack,
            String topic,
            String run,
            int records,
            int tasks,
            int quota,
            int latencyMs,
            int neighbourRate,
            int share)
            throws Exception {
        stack.connect().kafka().createTopic(topic, 4);
        String value = "{\"orderId\":\"%08d\",\"customer\":\"customer-0042\",\"note\":\"%s\"}";
        String pad = "x".repeat(300);
        try (KafkaProducer<byte[], byte[]> producer = stack.connect()
                .kafka()
                .createProducer(
                        Map.of("linger.ms", 20, "batch.size", 262_144, "enable.idempotence", false, "acks", "1"))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        ("key-" + i).getBytes(StandardCharsets.UTF_8),
                        String.format(Locale.ROOT, value, i, pad).getBytes(StandardCharsets.UTF_8)));
            }
        }
        LocalEventBridge eb = stack.eventBridge();
        eb.reset();
        eb.faults().latencyMs(latencyMs).accountQuota(quota, 0);
        DeliveryCounter counter = new DeliveryCounter(topic, 4);
        eb.onEvent(counter);
        Map<String, String> config = stack.sinkConfig(topic, "quota-bus");
        config.put("tasks.max", Integer.toString(tasks));
        config.put("in.flight.window", run.startsWith("fixed") ? "fixed" : "adaptive");
        if (share < 100) {
            config.put("quota.account.requests.per.second", Integer.toString(quota));
            config.put("quota.connector.share.percent", Integer.toString(share));
        }
        LocalStack.withDeadLetterTopic(config, topic + "-dlq");
        stack.connect().configureConnector(topic, config);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (counter.distinct() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long start = System.nanoTime();
        long requestsAtStart = eb.putEventsRequests() + eb.quotaThrottledRequests();
        long throttledAtStart = eb.quotaThrottledRequests();
        Neighbour other = neighbourRate > 0 ? new Neighbour(eb, neighbourRate) : null;
        RateTimeline timeline = new RateTimeline(start);
        long sampled = start;
        while (counter.distinct() < records && System.nanoTime() < deadline) {
            Thread.sleep(5);
            long now = System.nanoTime();
            if (now - sampled >= 100_000_000L) {
                timeline.sample(now, counter.distinct());
                sampled = now;
            }
        }
        long end = System.nanoTime();
        timeline.sample(end, counter.distinct());
        double seconds = (end - start) / 1e9;
        if (other != null) {
            other.stop();
        }
        long requests = eb.putEventsRequests() + eb.quotaThrottledRequests() - requestsAtStart;
        long throttled = eb.quotaThrottledRequests() - throttledAtStart;
        if (other != null) { // the neighbour's own requests are not the sink's
            requests -= other.sent.get();
            throttled -= other.sent.get() - other.ok.get();
        }
        stack.connect().deleteConnector(topic);
        long dlq = stack.connect().kafka().endOffset(new org.apache.kafka.common.TopicPartition(topic + "-dlq", 0));
        System.out.printf(
                Locale.ROOT,
                "%s: %d of %d records in %.1f s = %.0f events/s, %d of %d requests throttled%n",
                run,
                counter.distinct(),
                records,
                seconds,
                counter.distinct() / seconds,
                throttled,
                requests);
        return new Result(
                run,
                records,
                counter.distinct(),
                seconds,
                requests,
                throttled,
                other == null ? 0 : other.sent.get(),
                other == null ? 0 : other.ok.get(),
                other == null ? 0 : other.seconds(),
                counter.duplicates(),
                dlq,
                timeline);
    }

    /** Another producer of the same account: one-entry PutEvents at a steady rate, throttled ones not retried. */
    private static final class Neighbour {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        private final long start = System.nanoTime();
        private long end;
        private final EventBridgeClient client;
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService senders = Executors.newFixedThreadPool(16);

        Neighbour(LocalEventBridge eb, int perSecond) {
            client = EventBridgeClient.builder()
                    .region(Region.of(LocalEventBridge.REGION))
                    .endpointOverride(URI.create(eb.endpoint()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                    .source("neighbour")
                    .detailType("tick")
                    .detail("{}")
                    .eventBusName("quota-bus")
                    .build();
            ticks.scheduleAtFixedRate(
                    () -> senders.execute(() -> {
                        sent.incrementAndGet();
                        try {
                            client.putEvents(r -> r.entries(entry));
                            ok.incrementAndGet();
                        } catch (EventBridgeException e) {
                            // throttled: a producer without retries loses this request's share of its rate
                        }
                    }),
                    0,
                    1_000_000 / perSecond,
                    TimeUnit.MICROSECONDS);
        }

        void stop() throws InterruptedException {
            ticks.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
            end = System.nanoTime();
            client.close();
        }

        double seconds() {
            return (end - start) / 1e9;
        }
    }
}
