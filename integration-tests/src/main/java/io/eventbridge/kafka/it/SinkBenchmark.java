package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.chart.Charts;
import io.eventbridge.kafka.it.chart.LatencyRecorder;
import io.eventbridge.kafka.it.chart.RateTimeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput of the packaged sink against the local EventBridge, with default settings: a
 * 4-partition topic pre-filled with N records of about 500 bytes, then the connector is started and
 * timed until every record has reached the endpoint. Prints a Markdown table.
 *
 * <p>Arguments: {@code records=100000 scenarios=0:1:0,0:4:0,20:1:0,20:4:0,0:1:20} where each scenario
 * is latencyMs:tasks:throttlePercent (throttling adds 2% InternalFailure entries), and
 * {@code set.<connector key>=<value>} for a non-default connector setting in every run, and
 * {@code warmup=100000}: records of two unreported first runs (clean, then with faults) that lets the JIT compile the hot paths, and
 * {@code repeat=3}: rounds over all scenarios, reported as the median with its range, and
 * {@code compare=<connector key>=<a>,<b>}: each scenario of each round runs once per value, one right after the
 * other, and each b run is divided by its a run (adjacent runs share the machine's state), and
 * {@code baseline.records=2000}: after the rounds, one run per endpoint latency of the scenarios with the sink turned
 * down to one entry per request and one request in flight (0 skips them), and
 * {@code latency=0:1000,20:1000 latency.seconds=20}: paced runs, each endpoint latency (ms) and rate (events/s) for
 * that many seconds into a running one-task connector, timed per event from its Kafka timestamp to the endpoint
 * accepting it (empty skips them), and
 * {@code charts=integration-tests/target/charts}: where the PNG charts go (events/s over time of the last round,
 * the bars against one at a time, the latency percentiles).
 */
public final class SinkBenchmark {
    private SinkBenchmark() {}

    /** A sink turned down to one entry per PutEvents request and one request in flight. */
    static final Map<String, String> ONE_AT_A_TIME =
            Map.of("batch.max.entries", "1", "max.in.flight.requests", "1", "in.flight.window", "fixed");

    /**
     * @param seconds99 time until 99% of the records had arrived: the rate without the retry tail
     * @param timeline distinct records delivered over time, from the first
     */
    record Result(
            int round,
            int latencyMs,
            int throttlePercent,
            String scenario,
            int tasks,
            long records,
            double seconds,
            double seconds99,
            long duplicates,
            long rejected,
            long dlq,
            RateTimeline timeline) {
        double rate() {
            return records / seconds;
        }

        double rate99() {
            return records * 0.99 / seconds99;
        }

        /** The same result, its scenario marked with the compared setting. */
        Result variant(String setting) {
            return new Result(
                    round,
                    latencyMs,
                    throttlePercent,
                    scenario.replace("/", " " + setting + "/"),
                    tasks,
                    records,
                    seconds,
                    seconds99,
                    duplicates,
                    rejected,
                    dlq,
                    timeline);
        }

        /** The chart's name of this run's scenario: latency, tasks and faults. */
        String label() {
            return latencyMs + " ms, " + tasks + (tasks == 1 ? " task" : " tasks")
                    + (throttlePercent == 0 ? "" : ", " + throttlePercent + "% throttled");
        }
    }

    public static void main(String[] args) throws Exception {
        execute(args);
        System.exit(0);
    }

    /** The whole benchmark, as {@link #main} runs it, without ending the JVM; returns the charts written. */
    public static List<Path> execute(String[] args) throws Exception {
        int records = 100_000;
        int baselineRecords = 2000;
        String latencyRuns = "0:1000,20:1000";
        int latencySeconds = 20;
        Path chartDir = Path.of("integration-tests/target/charts");
        int warmup = 100_000;
        int repeat = 1;
        String scenarios = "0:1:0,0:4:0,20:1:0,20:4:0,0:1:20,20:1:20";
        Map<String, String> overrides = new java.util.HashMap<>();
        String compareKey = null;
        List<String> compareValues = List.of("");
        for (String arg : args) {
            if (arg.startsWith("compare=")) { // compare=<key>=<a>,<b>
                String spec = arg.substring(8);
                compareKey = spec.substring(0, spec.indexOf('='));
                compareValues = List.of(spec.substring(spec.indexOf('=') + 1).split(","));
                continue;
            }
            if (arg.startsWith("set.")) { // set.<connector key>=<value>: a non-default setting for every run
                int eq = arg.indexOf('=');
                overrides.put(arg.substring(4, eq), arg.substring(eq + 1));
            } else if (arg.startsWith("repeat=")) {
                repeat = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("warmup=")) {
                warmup = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("records=")) {
                records = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("scenarios=")) {
                scenarios = arg.substring(10);
            } else if (arg.startsWith("baseline.records=")) {
                baselineRecords = Integer.parseInt(arg.substring(17));
            } else if (arg.startsWith("latency=")) {
                latencyRuns = arg.substring(8);
            } else if (arg.startsWith("latency.seconds=")) {
                latencySeconds = Integer.parseInt(arg.substring(16));
            } else if (arg.startsWith("charts=")) {
                chartDir = Path.of(arg.substring(7));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        List<Result> results = new ArrayList<>();
        List<Result> baselines = new ArrayList<>();
        Map<String, LatencyRecorder> latencies = new LinkedHashMap<>();
        // the broker's production default: a new consumer group waits 3 s for all its members, so tasks.max > 1
        // runs are not timed through a rebalance per joining task (the test kit's default is 0)
        try (LocalStack stack = LocalStack.start(1, Map.of(), Map.of("group.initial.rebalance.delay.ms", "3000"))) {
            stack.eventBridge().keepEvents(false);
            int n = 0;
            if (warmup > 0) {
                // unreported runs first, so the JIT has compiled the hot paths, the retry path too, before
                // anything is timed
                System.out.println("Warm-up runs of " + warmup + " records, clean and throttled (not reported)");
                run(stack, -1, "warmup", warmup, 0, 1, 0, overrides);
                run(stack, -1, "warmup-faults", warmup, 0, 1, 20, overrides);
            }
            for (int r = 0; r < repeat; r++) { // rounds over all scenarios, so drift hits each alike
                for (String s : scenarios.split(",")) {
                    String[] p = s.split(":");
                    for (String value : compareValues) {
                        Map<String, String> settings = new java.util.HashMap<>(overrides);
                        if (compareKey != null) {
                            settings.put(compareKey, value);
                        }
                        Result result = run(
                                stack,
                                r,
                                "bench" + n++,
                                records,
                                Integer.parseInt(p[0]),
                                Integer.parseInt(p[1]),
                                Integer.parseInt(p[2]),
                                settings);
                        results.add(compareKey == null ? result : result.variant(compareKey + "=" + value));
                    }
                }
            }
            if (baselineRecords > 0) {
                for (int latencyMs : distinctLatencies(scenarios)) {
                    Map<String, String> settings = new java.util.HashMap<>(overrides);
                    settings.putAll(ONE_AT_A_TIME);
                    baselines.add(run(stack, -1, "baseline" + n++, baselineRecords, latencyMs, 1, 0, settings));
                }
            }
            for (String paced : latencyRuns.isBlank() ? new String[0] : latencyRuns.split(",")) {
                String[] p = paced.split(":");
                int latencyMs = Integer.parseInt(p[0]);
                int rate = Integer.parseInt(p[1]);
                latencies.put(
                        String.format(Locale.ROOT, "%d ms endpoint, %,d events/s", latencyMs, rate),
                        paced(stack, "latency" + n++, latencyMs, rate, latencySeconds, overrides));
            }
        }
        System.out.println();
        System.out.println("Every run:");
        System.out.println("| endpoint latency | tasks.max | faults | records | seconds | events/s | events/s per task"
                + " | duplicates | entries rejected by endpoint | dead-lettered |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %s | %d | %.1f | %.0f | %.0f | %d | %d | %d |%n",
                    r.scenario().split("/")[0],
                    r.tasks(),
                    r.scenario().split("/")[1],
                    r.records(),
                    r.seconds(),
                    r.rate(),
                    r.rate() / r.tasks(),
                    r.duplicates(),
                    r.rejected(),
                    r.dlq());
        }
        System.out.println();
        System.out.println("Median over " + repeat + " run(s) per scenario (range in brackets):");
        System.out.println("| endpoint latency | tasks.max | faults | events/s | events/s per task | events/s to 99% "
                + "| lost | duplicates | dead-lettered |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        java.util.Map<String, List<Result>> byScenario = new java.util.LinkedHashMap<>();
        results.forEach(r -> byScenario
                .computeIfAbsent(r.scenario() + "#" + r.tasks(), k -> new ArrayList<>())
                .add(r));
        int expected = records;
        byScenario.forEach((key, runs) -> {
            double[] rates = runs.stream().mapToDouble(Result::rate).sorted().toArray();
            double median = rates[rates.length / 2];
            double[] rates99 =
                    runs.stream().mapToDouble(Result::rate99).sorted().toArray();
            Result first = runs.get(0);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %s | %.0f [%.0f-%.0f] | %.0f | %.0f | %d | %d | %d |%n",
                    first.scenario().split("/")[0],
                    first.tasks(),
                    first.scenario().split("/")[1],
                    median,
                    rates[0],
                    rates[rates.length - 1],
                    median / first.tasks(),
                    rates99[rates99.length / 2],
                    runs.stream().mapToLong(r -> expected - r.records()).sum(),
                    runs.stream().mapToLong(Result::duplicates).sum(),
                    runs.stream().mapToLong(Result::dlq).sum());
        });
        printPairedRatios(results);
        if (compareKey != null && compareValues.size() == 2) {
            printComparison(results, compareKey + "=" + compareValues.get(0), compareKey + "=" + compareValues.get(1));
        }
        printBaselines(baselines, byScenario);
        Charts.printPercentiles(
                "Paced runs, one task, ms from each record's Kafka timestamp to the endpoint accepting it:",
                "run",
                latencies);
        return charts(chartDir, results, repeat - 1, baselines, byScenario, latencies);
    }

    private static List<Integer> distinctLatencies(String scenarios) {
        return java.util.Arrays.stream(scenarios.split(","))
                .map(s -> Integer.parseInt(s.split(":")[0]))
                .distinct()
                .toList();
    }

    private static void printBaselines(List<Result> baselines, Map<String, List<Result>> byScenario) {
        if (baselines.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println(
                "One at a time (one entry per request, one request in flight, one task) against the defaults:");
        System.out.println(
                "| endpoint latency | one at a time: events/s | defaults, tasks.max | defaults: median events/s "
                        + "| x one at a time |");
        System.out.println("|---|---|---|---|---|");
        for (Result baseline : baselines) {
            byScenario.values().stream()
                    .filter(runs -> runs.get(0).latencyMs() == baseline.latencyMs()
                            && runs.get(0).throttlePercent() == 0)
                    .forEach(runs -> {
                        double median = medianRate(runs);
                        System.out.printf(
                                Locale.ROOT,
                                "| %d ms | %.0f | %d | %.0f | %.1f |%n",
                                baseline.latencyMs(),
                                baseline.rate(),
                                runs.get(0).tasks(),
                                median,
                                median / baseline.rate());
                    });
        }
    }

    private static double medianRate(List<Result> runs) {
        double[] rates = runs.stream().mapToDouble(Result::rate).sorted().toArray();
        return rates[rates.length / 2];
    }

    private static List<Path> charts(
            Path dir,
            List<Result> results,
            int lastRound,
            List<Result> baselines,
            Map<String, List<Result>> byScenario,
            Map<String, LatencyRecorder> latencies)
            throws java.io.IOException {
        List<Path> written = new ArrayList<>();
        Map<String, RateTimeline> timelines = new LinkedHashMap<>();
        results.stream()
                .filter(r -> r.round() == lastRound)
                .forEach(
                        r -> timelines.put(r.label() + (r.scenario().contains("=") ? r.scenario() : ""), r.timeline()));
        written.add(Charts.timeline(
                dir.resolve("sink-events-per-second.png"),
                "Sink: events/s over time, round " + (lastRound + 1),
                timelines,
                0.5));
        if (!baselines.isEmpty()) {
            Map<String, Double> bars = new LinkedHashMap<>();
            for (Result baseline : baselines) {
                bars.put("one at a time, " + baseline.latencyMs() + " ms", baseline.rate());
                byScenario.values().stream()
                        .filter(runs -> runs.get(0).latencyMs() == baseline.latencyMs()
                                && runs.get(0).throttlePercent() == 0)
                        .forEach(runs -> bars.put("defaults, " + runs.get(0).label(), medianRate(runs)));
            }
            written.add(Charts.bars(
                    dir.resolve("sink-vs-one-at-a-time.png"),
                    "Sink: the defaults against one entry per request, one request in flight (median events/s)",
                    "events/s",
                    bars));
        }
        if (!latencies.isEmpty()) {
            written.add(Charts.percentiles(
                    dir.resolve("sink-latency.png"),
                    "Sink: Kafka timestamp to EventBridge accepting the event, paced, one task",
                    latencies));
        }
        written.forEach(p -> System.out.println("Chart: " + p.toAbsolutePath()));
        return written;
    }

    /**
     * A one-task connector on a new topic, first shown one record (so the consumer is assigned and the client warm),
     * then {@code rate} records a second for {@code seconds}, each stamped by the producer; every first delivery's
     * milliseconds from that stamp to the endpoint accepting it.
     */
    private static LatencyRecorder paced(
            LocalStack stack, String name, int latencyMs, int rate, int seconds, Map<String, String> overrides)
            throws Exception {
        stack.connect().kafka().createTopic(name, 4);
        stack.eventBridge().reset();
        stack.eventBridge().faults().seed(11).latencyMs(latencyMs);
        DeliveryCounter probe = new DeliveryCounter(name, 4);
        stack.eventBridge().onEvent(probe);
        Map<String, String> config = stack.sinkConfig(name, "bench-bus");
        config.putAll(overrides);
        stack.connect().configureConnector(name, config);
        LatencyRecorder latencies = new LatencyRecorder();
        int total = rate * seconds;
        try (KafkaProducer<byte[], byte[]> producer = stack.connect()
                .kafka()
                .createProducer(Map.of("linger.ms", 0, "enable.idempotence", false, "acks", "1"))) {
            producer.send(new ProducerRecord<>(name, "probe".getBytes(StandardCharsets.UTF_8), order(-1)));
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (probe.distinct() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            DeliveryCounter counter = new DeliveryCounter(name, 4, latencies);
            stack.eventBridge().onEvent(counter);
            long start = System.nanoTime();
            int sent = 0;
            while (sent < total) { // every record due by now, then a pause: bursts of a few at the higher rates
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                for (; sent < due; sent++) {
                    producer.send(
                            new ProducerRecord<>(name, ("key-" + sent).getBytes(StandardCharsets.UTF_8), order(sent)));
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (counter.distinct() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            System.out.printf(
                    Locale.ROOT,
                    "paced %d ms, %d events/s: %d of %d delivered, p99 %d ms%n",
                    latencyMs,
                    rate,
                    counter.distinct(),
                    total,
                    latencies.count() == 0 ? -1 : latencies.percentile(0.99));
            if (counter.distinct() < total) {
                throw new IllegalStateException(
                        name + ": only " + counter.distinct() + " of " + total + " paced records arrived");
            }
        }
        stack.connect().deleteConnector(name);
        return latencies;
    }

    /**
     * Each faulty run against the clean run of the same latency and tasks in the same round: adjacent runs share
     * the machine's state (JIT, GC, other load), so their ratio is steadier than a ratio of medians.
     */
    private static void printPairedRatios(List<Result> results) {
        Map<String, List<Double>> ratios = new java.util.LinkedHashMap<>();
        for (Result faulty : results) {
            if (faulty.throttlePercent() == 0) {
                continue;
            }
            results.stream()
                    .filter(c -> c.round() == faulty.round()
                            && c.throttlePercent() == 0
                            && c.latencyMs() == faulty.latencyMs()
                            && c.tasks() == faulty.tasks())
                    .findFirst()
                    .ifPresent(clean -> ratios.computeIfAbsent(
                                    faulty.scenario() + "#" + faulty.tasks(), k -> new ArrayList<>())
                            .add(faulty.rate() / clean.rate()));
        }
        if (ratios.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Faulty run / clean run of the same round (same latency and tasks.max): median [range]");
        System.out.println("| endpoint latency | tasks.max | faults | ratio |");
        System.out.println("|---|---|---|---|");
        ratios.forEach((key, list) -> {
            double[] sorted =
                    list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String[] parts = key.split("#");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %.0f%% [%.0f%%-%.0f%%] |%n",
                    parts[0].split("/")[0],
                    parts[1],
                    parts[0].split("/")[1],
                    100 * sorted[sorted.length / 2],
                    100 * sorted[0],
                    100 * sorted[sorted.length - 1]);
        });
    }

    /** Each run of setting b against the run of setting a just before it (same round, scenario and tasks). */
    private static void printComparison(List<Result> results, String a, String b) {
        Map<String, List<Double>> ratios = new java.util.LinkedHashMap<>();
        for (int i = 1; i < results.size(); i++) {
            Result first = results.get(i - 1);
            Result second = results.get(i);
            if (first.scenario().contains(a) && second.scenario().contains(b) && first.round() == second.round()) {
                ratios.computeIfAbsent(
                                first.scenario().replace(" " + a, "") + "#" + first.tasks(), k -> new ArrayList<>())
                        .add(second.rate() / first.rate());
            }
        }
        System.out.println();
        System.out.println(b + " / " + a + ", each pair run back to back: median [range]");
        System.out.println("| endpoint latency | tasks.max | faults | ratio | runs |");
        System.out.println("|---|---|---|---|---|");
        ratios.forEach((key, list) -> {
            double[] sorted =
                    list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String[] parts = key.split("#");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %.1f%% [%.1f%%-%.1f%%] | %d |%n",
                    parts[0].split("/")[0],
                    parts[1],
                    parts[0].split("/")[1],
                    100 * sorted[sorted.length / 2],
                    100 * sorted[0],
                    100 * sorted[sorted.length - 1],
                    sorted.length);
        });
    }

    private static final String ORDER = "{\"orderId\":\"%08d\",\"customer\":\"customer-0042\",\"items\":[{\"sku\":"
            + "\"SKU-1234567\",\"qty\":2,\"price\":19.99},{\"sku\":\"SKU-7654321\",\"qty\":1,\"price\":5.49}],"
            + "\"shipping\":{\"street\":\"1 Example Road\",\"city\":\"Springfield\",\"zip\":\"12345\",\"country\":\"US\"},"
            + "\"note\":\"%s\"}";
    private static final String PAD = "x".repeat(200);

    /** One JSON order of about 500 bytes. */
    static byte[] order(int i) {
        return String.format(Locale.ROOT, ORDER, i, PAD).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code records} JSON orders of about 500 bytes to {@code topic}, keyed {@code key-<i>}. */
    public static void fill(
            org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster kafka, String topic, int records) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.createProducer(
                Map.of("linger.ms", 20, "batch.size", 262_144, "enable.idempotence", false, "acks", "1"))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, ("key-" + i).getBytes(StandardCharsets.UTF_8), order(i)));
            }
        }
    }

    private static Result run(
            LocalStack stack,
            int round,
            String name,
            int records,
            int latencyMs,
            int tasks,
            int throttlePercent,
            Map<String, String> overrides)
            throws Exception {
        String topic = name;
        stack.connect().kafka().createTopic(topic, 4);
        fill(stack.connect().kafka(), topic, records);
        stack.eventBridge().reset();
        stack.eventBridge()
                .faults()
                .seed(11)
                .latencyMs(latencyMs)
                .entryThrottleRate(throttlePercent / 100.0)
                .entryInternalFailureRate(throttlePercent > 0 ? 0.02 : 0);
        DeliveryCounter counter = new DeliveryCounter(topic, 4);
        stack.eventBridge().onEvent(counter);
        Map<String, String> config = stack.sinkConfig(topic, "bench-bus");
        config.put("tasks.max", Integer.toString(tasks));
        config.put("aws.schemas.endpoint.uri", stack.eventBridge().endpoint()); // used with schema.registry.publish
        LocalStack.withDeadLetterTopic(config, topic + "-dlq");
        config.putAll(overrides);
        stack.connect().configureConnector(name, config);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (counter.distinct() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        // timed from the first delivered event: connector start-up and the consumer group join are left out
        long start = System.nanoTime();
        RateTimeline timeline = new RateTimeline(start);
        long at99 = 0;
        long sampled = start;
        while (counter.distinct() < records && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long delivered = counter.distinct();
            if (at99 == 0 && delivered >= records * 0.99) {
                at99 = now;
            }
            if (now - sampled >= 100_000_000L) {
                timeline.sample(now, delivered);
                sampled = now;
            }
            Thread.sleep(2);
        }
        long end = System.nanoTime();
        timeline.sample(end, counter.distinct());
        double seconds = (end - start) / 1e9;
        double seconds99 = ((at99 == 0 ? end : at99) - start) / 1e9;
        stack.connect().deleteConnector(name);
        long dlq = stack.connect().kafka().endOffset(new org.apache.kafka.common.TopicPartition(topic + "-dlq", 0));
        String scenario = latencyMs + " ms/"
                + (throttlePercent == 0 ? "none" : throttlePercent + "% throttled + 2% InternalFailure");
        System.out.printf(
                Locale.ROOT,
                "%s: %d of %d records in %.1f s = %.0f events/s%n",
                scenario,
                counter.distinct(),
                records,
                seconds,
                counter.distinct() / seconds);
        return new Result(
                round,
                latencyMs,
                throttlePercent,
                scenario,
                tasks,
                counter.distinct(),
                seconds,
                seconds99,
                counter.duplicates(),
                stack.eventBridge().rejectedEntries(),
                dlq,
                timeline);
    }
}
