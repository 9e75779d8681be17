package io.eventbridge.kafka.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * other, and each b run is divided by its a run (adjacent runs share the machine's state).
 */
public final class SinkBenchmark {
    private SinkBenchmark() {}

    /** @param seconds99 time until 99% of the records had arrived: the rate without the retry tail */
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
            long dlq) {
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
                    dlq);
        }
    }

    public static void main(String[] args) throws Exception {
        int records = 100_000;
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
            }
        }
        List<Result> results = new ArrayList<>();
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
        System.exit(0);
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

    /** Writes {@code records} JSON orders of about 500 bytes to {@code topic}, keyed {@code key-<i>}. */
    public static void fill(
            org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster kafka, String topic, int records) {
        String value = "{\"orderId\":\"%08d\",\"customer\":\"customer-0042\",\"items\":[{\"sku\":\"SKU-1234567\","
                + "\"qty\":2,\"price\":19.99},{\"sku\":\"SKU-7654321\",\"qty\":1,\"price\":5.49}],\"shipping\":{\"street\":"
                + "\"1 Example Road\",\"city\":\"Springfield\",\"zip\":\"12345\",\"country\":\"US\"},\"note\":\"%s\"}";
        String pad = "x".repeat(200);
        try (KafkaProducer<byte[], byte[]> producer = kafka.createProducer(
                Map.of("linger.ms", 20, "batch.size", 262_144, "enable.idempotence", false, "acks", "1"))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        ("key-" + i).getBytes(StandardCharsets.UTF_8),
                        String.format(Locale.ROOT, value, i, pad).getBytes(StandardCharsets.UTF_8)));
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
        long at99 = 0;
        while (counter.distinct() < records && System.nanoTime() < deadline) {
            if (at99 == 0 && counter.distinct() >= records * 0.99) {
                at99 = System.nanoTime();
            }
            Thread.sleep(2);
        }
        long end = System.nanoTime();
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
                dlq);
    }
}
