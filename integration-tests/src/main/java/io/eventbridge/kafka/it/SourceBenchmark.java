package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.chart.Charts;
import io.eventbridge.kafka.it.chart.LatencyRecorder;
import io.eventbridge.kafka.it.chart.RateTimeline;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Source throughput against embedded ElasticMQ: a queue pre-filled with N events of about 1 KB, then the
 * connector (from its zip) is started and timed from the first record Kafka acknowledged until every event is
 * (the tasks' own JMX count, so that no consumer competes for CPU meanwhile); the queue is then checked empty
 * and the topic read back for missing events and duplicates. Also runs the same connector turned down to one message per receive and one
 * delete per record, and a plain SDK receive+delete loop that shows what the SQS server itself can do.
 * Prints Markdown tables with the CPU time of the SQS server, the broker and the Connect worker.
 *
 * <p>Arguments: {@code records=100000 baseline.records=10000 tasks=1,2 sdk.records=50000 sdk.warmups=8
 * warmups=8 warmup.records=100000 repeat=1 producer=both}: unreported warm-up runs cycling through the
 * scenarios, then rounds of every task count and producer setting, each task count between two SDK ceilings,
 * with medians at the end. {@code producer}: {@code default} (the worker's producer settings), {@code tuned}
 * (with the producer overrides docs/source.md recommends) or {@code both}; {@code set.<connector key>=<value>}
 * applies to the batched runs.
 */
public final class SourceBenchmark {
    private static final String PAD = "x".repeat(700);
    private static final String PROCESS = "process";
    /** The producer settings docs/source.md recommends for throughput (connector-level client overrides). */
    static final Map<String, String> TUNED_PRODUCER =
            Map.of("producer.override.batch.size", "262144", "producer.override.linger.ms", "20");

    private SourceBenchmark() {}

    record Result(
            String scenario,
            int tasks,
            int records,
            double seconds,
            double secondsToEmpty,
            long duplicates,
            int leftInQueue,
            Map<String, Double> cpu,
            RateTimeline timeline) {
        double rate() {
            return records / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        execute(args);
        System.exit(0);
    }

    /** The whole benchmark, as {@link #main} runs it, without ending the JVM; returns the charts written. */
    public static List<Path> execute(String[] args) throws Exception {
        int records = 100_000;
        List<Integer> latencyRates = List.of(1000, 3000);
        int latencySeconds = 20;
        Path chartDir = Path.of("integration-tests/target/charts");
        int baselineRecords = 10_000;
        int sdkRecords = 50_000;
        List<Integer> taskCounts = List.of(1, 2);
        int warmups = 8;
        int warmupRecords = 100_000;
        int sdkWarmups = 8;
        int repeat = 1;
        List<String> producers = List.of("default", "tuned");
        Map<String, String> overrides = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv[0].startsWith("set.")) {
                overrides.put(kv[0].substring(4), kv[1]);
                continue;
            }
            switch (kv[0]) {
                case "records" -> records = Integer.parseInt(kv[1]);
                case "baseline.records" -> baselineRecords = Integer.parseInt(kv[1]);
                case "sdk.records" -> sdkRecords = Integer.parseInt(kv[1]);
                case "warmups" -> warmups = Integer.parseInt(kv[1]);
                case "warmup.records" -> warmupRecords = Integer.parseInt(kv[1]);
                case "sdk.warmups" -> sdkWarmups = Integer.parseInt(kv[1]);
                case "repeat" -> repeat = Integer.parseInt(kv[1]);
                case "latency.rates" ->
                    latencyRates = kv[1].isBlank()
                            ? List.of()
                            : java.util.Arrays.stream(kv[1].split(","))
                                    .map(Integer::parseInt)
                                    .toList();
                case "latency.seconds" -> latencySeconds = Integer.parseInt(kv[1]);
                case "charts" -> chartDir = Path.of(kv[1]);
                case "producer" -> producers = kv[1].equals("both") ? List.of("default", "tuned") : List.of(kv[1]);
                case "tasks" ->
                    taskCounts = java.util.Arrays.stream(kv[1].split(","))
                            .map(Integer::parseInt)
                            .toList();
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        List<Result> results = new ArrayList<>();
        // every SDK ceiling of the rounds, in order; each connector run sits between two of them
        List<Double> ceilings = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        double highestCeiling = 0;
        Result baseline;
        Map<String, LatencyRecorder> latencies = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(1)) {
            int n = 0;
            // not reported: the JIT compiles the hot paths of ElasticMQ, whose cost per message keeps falling for
            // minutes (0.26 ms in a first SDK loop, under 0.1 ms when warm), and then those of the connector,
            // which reaches its steady rate only after about a million events (every scenario in turn)
            for (int i = 0; i < sdkWarmups; i++) {
                sdkCeiling(stack.sqs(), sdkRecords, 8, "warm-up " + i);
            }
            List<Map.Entry<Integer, String>> scenarios = new ArrayList<>();
            for (int tasks : taskCounts) {
                for (String producer : producers) {
                    scenarios.add(Map.entry(tasks, producer));
                }
            }
            for (int i = 0; i < warmups; i++) {
                var s = scenarios.get(i % scenarios.size());
                run(
                        stack,
                        "warm-up " + (i + 1) + ", " + scenarioName(s.getValue(), overrides),
                        warmupRecords,
                        s.getKey(),
                        config(s.getValue(), overrides),
                        n++);
            }
            for (int round = 1; round <= repeat; round++) {
                for (int tasks : taskCounts) {
                    Result ceiling =
                            sdkCeiling(stack.sqs(), sdkRecords, 8, "round " + round + ", before " + tasks + " task(s)");
                    results.add(ceiling);
                    ceilings.add(ceiling.rate());
                    for (String producer : producers) {
                        String scenario = scenarioName(producer, overrides);
                        Result batched = run(
                                stack, scenario + ", round " + round, records, tasks, config(producer, overrides), n++);
                        results.add(batched);
                        rounds.add(new Round(tasks, scenario, batched.rate(), ceilings.size() - 1));
                    }
                }
            }
            Result after = sdkCeiling(stack.sqs(), sdkRecords, 8, "after the rounds");
            results.add(after);
            ceilings.add(after.rate());
            baseline = run(
                    stack,
                    "one at a time",
                    baselineRecords,
                    1,
                    Map.of(
                            "sqs.max.messages",
                            "1",
                            "sqs.receive.loops.per.queue",
                            "1",
                            "sqs.delete.batch.size",
                            "1",
                            "sqs.delete.max.in.flight",
                            "1"),
                    n++);
            results.add(baseline);
            for (int rate : latencyRates) {
                latencies.put(
                        String.format(Locale.ROOT, "%,d events/s", rate),
                        paced(stack, "source-latency-" + n++, rate, latencySeconds, overrides));
            }
        }
        highestCeiling =
                ceilings.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        // a run against the mean of the ceilings measured right before and right after it: ElasticMQ's own rate
        // drifts between runs, and the two neighbours bracket the state the run met
        Map<String, List<double[]>> byScenario = new java.util.LinkedHashMap<>();
        for (Round r : rounds) {
            double around = (ceilings.get(r.ceilingBefore()) + ceilings.get(r.ceilingBefore() + 1)) / 2;
            byScenario
                    .computeIfAbsent(r.tasks() + "|" + r.scenario(), k -> new ArrayList<>())
                    .add(new double[] {r.rate(), r.rate() / around});
            System.out.printf(
                    Locale.ROOT,
                    "%d task(s), %s: %.0f events/s, %.0f%% of the SDK ceilings around it " + "(%.0f)%n",
                    r.tasks(),
                    r.scenario(),
                    r.rate(),
                    100 * r.rate() / around,
                    around);
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Medians over %d round(s); SDK ceilings %s events/s (highest %.0f); one at a "
                        + "time %.0f events/s%n%n",
                repeat,
                ceilings.stream()
                        .map(c -> String.format(Locale.ROOT, "%.0f", c))
                        .toList(),
                highestCeiling,
                baseline.rate());
        System.out.println("| tasks.max | scenario | events/s (median) | per task | min - max | "
                + "of the ceilings around it (median) | min - max | of the highest ceiling | x one at a time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> e : byScenario.entrySet()) {
            int tasks = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('|')));
            double[] rates =
                    e.getValue().stream().mapToDouble(r -> r[0]).sorted().toArray();
            double[] ratios =
                    e.getValue().stream().mapToDouble(r -> r[1]).sorted().toArray();
            double rate = median(rates);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %.0f | %.0f | %.0f - %.0f | %.0f%% | %.0f%% - %.0f%% | %.0f%% " + "| %.1f |%n",
                    tasks,
                    e.getKey().substring(e.getKey().indexOf('|') + 1),
                    rate,
                    rate / tasks,
                    rates[0],
                    rates[rates.length - 1],
                    100 * median(ratios),
                    100 * ratios[0],
                    100 * ratios[ratios.length - 1],
                    100 * rate / highestCeiling,
                    rate / baseline.rate());
        }
        System.out.println();
        System.out.println(
                "| scenario | tasks.max | events | seconds to Kafka | events/s | events/s per task | "
                        + "seconds until the queue is empty | duplicates | left in queue | CPU s: SQS server / broker / Connect / JVM |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %.1f | %.0f | %.0f | %.1f | %d | %d | %.1f / %.1f / %.1f / %.1f |%n",
                    r.scenario(),
                    r.tasks() == 0 ? "-" : Integer.toString(r.tasks()),
                    r.records(),
                    r.seconds(),
                    r.rate(),
                    r.tasks() == 0 ? r.rate() : r.rate() / r.tasks(),
                    r.secondsToEmpty(),
                    r.duplicates(),
                    r.leftInQueue(),
                    r.cpu().getOrDefault("sqs", 0.0),
                    r.cpu().getOrDefault("broker", 0.0),
                    r.cpu().getOrDefault("connect", 0.0),
                    r.cpu().getOrDefault("jvm", 0.0));
        }
        Charts.printPercentiles(
                "Paced runs, one task, defaults: ms from SendMessageBatch to the broker appending the record "
                        + "(LogAppendTime)",
                "rate",
                latencies);
        return charts(chartDir, results, repeat, byScenario, ceilings, baseline, latencies);
    }

    private static List<Path> charts(
            Path dir,
            List<Result> results,
            int repeat,
            Map<String, List<double[]>> byScenario,
            List<Double> ceilings,
            Result baseline,
            Map<String, LatencyRecorder> latencies)
            throws java.io.IOException {
        List<Path> written = new ArrayList<>();
        Map<String, RateTimeline> timelines = new LinkedHashMap<>();
        String lastRound = ", round " + repeat;
        for (Result r : results) {
            if (r.timeline() != null && (r.scenario().endsWith(lastRound) || r == baseline)) {
                String label =
                        r.scenario().replace(lastRound, "") + ", " + r.tasks() + (r.tasks() == 1 ? " task" : " tasks");
                timelines.put(label, r.timeline());
            }
        }
        written.add(Charts.timeline(
                dir.resolve("source-events-per-second.png"),
                "Source: records acknowledged by Kafka per second, round " + repeat + " and one at a time",
                timelines,
                0.5));
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("one at a time, 1 task", baseline.rate());
        for (Map.Entry<String, List<double[]>> e : byScenario.entrySet()) {
            int tasks = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('|')));
            double[] rates =
                    e.getValue().stream().mapToDouble(r -> r[0]).sorted().toArray();
            bars.put(
                    e.getKey().substring(e.getKey().indexOf('|') + 1) + ", " + tasks
                            + (tasks == 1 ? " task" : " tasks"),
                    median(rates));
        }
        bars.put(
                "plain SDK loop, 8 threads",
                median(ceilings.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray()));
        written.add(Charts.bars(
                dir.resolve("source-vs-one-at-a-time.png"),
                "Source: medians against one at a time and ElasticMQ's own receive+delete ceiling",
                "events/s",
                bars));
        if (!latencies.isEmpty()) {
            written.add(Charts.percentiles(
                    dir.resolve("source-latency.png"), "Source: SQS send to Kafka append, paced, one task", latencies));
        }
        written.forEach(p -> System.out.println("Chart: " + p.toAbsolutePath()));
        return written;
    }

    /**
     * A one-task connector with the defaults on a new queue, first given one event (so its loops are receiving and
     * its producer is connected), then {@code rate} events a second for {@code seconds}, each stamped with the time
     * it was sent; read back from a topic that stamps every record with the broker's append time, each record's
     * milliseconds from its event's send to its append.
     */
    private static LatencyRecorder paced(
            LocalStack stack, String name, int rate, int seconds, Map<String, String> overrides) throws Exception {
        String queue = stack.sqs().createQueue(name);
        stack.connect().kafka().createTopic(name, 4, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        stack.connect().configureConnector(name, connectorConfig(stack, name, queue, 1, overrides));
        stack.sqs().send(queue, List.of(stamped(-1)), null);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (taskMetricSum(name, "records-written-total") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        int total = rate * seconds;
        long start = System.nanoTime();
        int sent = 0;
        while (sent < total) { // what is due by now, in SendMessageBatch calls of up to 10
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent < due) {
                List<String> bodies = new ArrayList<>();
                for (; sent < due && bodies.size() < 10; sent++) {
                    bodies.add(stamped(sent));
                }
                stack.sqs().send(queue, bodies, null);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        LatencyRecorder latencies = new LatencyRecorder();
        BitSet seen = new BitSet(total);
        try (KafkaConsumer<byte[], byte[]> consumer = stack.connect()
                .kafka()
                .createConsumerAndSubscribeTo(
                        Map.of("auto.offset.reset", "earliest", "group.id", name + "-latency"), name)) {
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (seen.cardinality() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    int id = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8));
                    if (id >= 0 && !seen.get(id)) {
                        seen.set(id);
                        latencies.add(r.timestamp() - sentAt(value));
                    }
                }
            }
        }
        stack.connect().deleteConnector(name);
        System.out.printf(
                Locale.ROOT,
                "paced %d events/s: %d of %d read back, p99 %d ms%n",
                rate,
                seen.cardinality(),
                total,
                latencies.count() == 0 ? -1 : latencies.percentile(0.99));
        if (seen.cardinality() < total) {
            throw new IllegalStateException(name + ": only " + seen.cardinality() + " of " + total + " paced events");
        }
        return latencies;
    }

    /** An event of {@link #body} whose detail also holds the wall-clock milliseconds it is sent at. */
    private static String stamped(int i) {
        return body(i).replace("\"detail\":{", "\"detail\":{\"sentAtMs\":" + System.currentTimeMillis() + ",");
    }

    private static long sentAt(String detail) {
        int at = detail.indexOf("\"sentAtMs\":") + "\"sentAtMs\":".length();
        int end = at;
        while (end < detail.length() && Character.isDigit(detail.charAt(end))) {
            end++;
        }
        return Long.parseLong(detail.substring(at, end));
    }

    /** One timed connector run of the rounds; {@code ceilingBefore} indexes the SDK ceiling measured before it. */
    private record Round(int tasks, String scenario, double rate, int ceilingBefore) {}

    private static String scenarioName(String producer, Map<String, String> overrides) {
        String scenario = producer.equals("tuned") ? "batched + producer batches" : "batched (defaults)";
        return overrides.isEmpty() ? scenario : scenario + " " + overrides;
    }

    private static Map<String, String> config(String producer, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(overrides);
        if (producer.equals("tuned")) {
            config.putAll(TUNED_PRODUCER);
        }
        return config;
    }

    /** The connector of every run: the local SQS, detail values as schemaless JSON, then the run's settings. */
    private static Map<String, String> connectorConfig(
            LocalStack stack, String name, String queue, int tasks, Map<String, String> overrides) {
        Map<String, String> config = stack.sourceConfig(name, queue);
        // ElasticMQ itself, as before the local SQS had its policy-keeping front: the figures stay comparable
        config.put("aws.sqs.endpoint.uri", stack.sqs().directEndpoint());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("value.mode", "detail");
        // as config/eventbridge-source.properties writes schemaless JSON
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.putAll(overrides);
        return config;
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static String body(int i) {
        return "{\"version\":\"0\",\"id\":\"" + String.format(Locale.ROOT, "%08d", i) + "\",\"detail-type\":"
                + "\"Order Placed\",\"source\":\"com.example.orders\",\"account\":\"123456789012\",\"time\":\""
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"orderId\":" + i + ",\"customer\":\"c-42\",\"note\":\"" + PAD + "\"}}";
    }

    public static void fill(LocalSqs sqs, String queue, int records) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        int chunk = 1000;
        for (int from = 0; from < records; from += chunk) {
            int start = from;
            int end = Math.min(records, from + chunk);
            futures.add(pool.submit(() -> {
                List<String> bodies = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    bodies.add(body(i));
                }
                sqs.send(queue, bodies, null);
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static Result run(
            LocalStack stack, String scenario, int records, int tasks, Map<String, String> overrides, int n)
            throws Exception {
        String name = "source-bench-" + n;
        String queue = stack.sqs().createQueue(name);
        fill(stack.sqs(), queue, records);
        stack.connect().kafka().createTopic(name, 4);
        Map<String, String> config = connectorConfig(stack, name, queue, tasks, overrides);
        Map<Long, Map.Entry<String, Long>> cpuBefore = cpuByComponent();
        stack.connect().configureConnector(name, config);
        // timed by the tasks' own count of records Kafka acknowledged (JMX, in-process): no consumer competes
        // for the two cores while the clock runs; the records are read back and checked afterwards
        long start = 0;
        RateTimeline timeline = null;
        long sampled = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        double written = 0;
        while (written < records && System.nanoTime() < deadline) {
            Thread.sleep(5);
            written = taskMetricSum(name, "records-written-total");
            long now = System.nanoTime();
            if (start == 0 && written > 0) {
                start = now;
                timeline = new RateTimeline(start);
                sampled = start;
            } else if (timeline != null && now - sampled >= 100_000_000L) {
                timeline.sample(now, (long) written);
                sampled = now;
            }
        }
        long end = System.nanoTime();
        if (timeline != null) {
            timeline.sample(end, (long) written);
        }
        long emptyDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while ((stack.sqs().visible(queue) > 0 || stack.sqs().inFlight(queue) > 0)
                && System.nanoTime() < emptyDeadline) {
            Thread.sleep(20);
        }
        long empty = System.nanoTime();
        Map<String, Double> cpu = cpuDelta(cpuBefore, cpuByComponent());
        int left = stack.sqs().visible(queue) + stack.sqs().inFlight(queue);
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f messages per receive, %.1f per DeleteMessageBatch call on average%n",
                name,
                taskMetric(name, "receive-batch-size-avg"),
                taskMetric(name, "delete-batch-size-avg"));
        stack.connect().deleteConnector(name);
        BitSet seen = new BitSet(records);
        AtomicLong duplicates = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = stack.connect()
                .kafka()
                .createConsumerAndSubscribeTo(
                        Map.of("auto.offset.reset", "earliest", "group.id", name + "-counter"), name)) {
            long readDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            int idlePolls = 0;
            // every event, then until nothing more comes for a while (late duplicates)
            while ((seen.cardinality() < records || idlePolls < 10) && System.nanoTime() < readDeadline) {
                var polled = consumer.poll(Duration.ofMillis(100));
                idlePolls = polled.isEmpty() ? idlePolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    int id = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8));
                    if (seen.get(id)) {
                        duplicates.incrementAndGet();
                    } else {
                        seen.set(id);
                    }
                }
            }
        }
        Result result = new Result(
                scenario,
                tasks,
                seen.cardinality(),
                (end - start) / 1e9,
                (empty - start) / 1e9,
                duplicates.get(),
                left,
                cpu,
                timeline);
        System.out.printf(
                Locale.ROOT,
                "%s, %d task(s): %d events in %.1f s = %.0f events/s (queue empty after %.1f s)%n",
                scenario,
                tasks,
                result.records(),
                result.seconds(),
                result.rate(),
                result.secondsToEmpty());
        return result;
    }

    /** A plain SDK loop on {@code threads} threads: receive 10, delete them in one batch; the server's ceiling. */
    private static Result sdkCeiling(LocalSqs sqs, int records, int threads, String when) throws Exception {
        String queue = sqs.createQueue("sdk-ceiling-" + when.replaceAll("[^A-Za-z0-9]+", "-"));
        fill(sqs, queue, records);
        Map<Long, Map.Entry<String, Long>> cpuBefore = cpuByComponent();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (done.get() < records) {
                    done.addAndGet(receiveAndDelete(sqs.directClient(), queue));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Result r = new Result(
                "plain SDK receive(10) + delete batch, " + threads + " threads (" + when + ")",
                0,
                records,
                seconds,
                seconds,
                0,
                sqs.visible(queue) + sqs.inFlight(queue),
                cpuDelta(cpuBefore, cpuByComponent()),
                null);
        System.out.printf(Locale.ROOT, "SDK ceiling: %d in %.1f s = %.0f/s%n", records, seconds, r.rate());
        return r;
    }

    /**
     * One {@code ReceiveMessage(10)} (1 s long poll, asking for {@code systemAttributes}) and one
     * {@code DeleteMessageBatch} of what came; returns how many.
     */
    public static int receiveAndDelete(
            software.amazon.awssdk.services.sqs.SqsClient client, String queue, String... systemAttributes) {
        List<Message> messages = client.receiveMessage(b -> {
                    b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1);
                    if (systemAttributes.length > 0) {
                        b.messageSystemAttributeNamesWithStrings(systemAttributes);
                    }
                })
                .messages();
        if (messages.isEmpty()) {
            return 0;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        client.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
        return messages.size();
    }

    /** A source task metric from the platform MBean server, summed over the connector's running tasks. */
    static double taskMetricSum(String connector, String attribute) throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        double sum = 0;
        for (var name : server.queryNames(
                new javax.management.ObjectName(
                        "kafka.connect:type=eventbridge-source-task-metrics,connector=" + connector + ",task=*"),
                null)) {
            try {
                sum += ((Number) server.getAttribute(name, attribute)).doubleValue();
            } catch (javax.management.InstanceNotFoundException | javax.management.AttributeNotFoundException e) {
                // the task stopped in between, or is still registering its metrics
            }
        }
        return sum;
    }

    /** A source task metric from the platform MBean server, averaged over the connector's tasks. */
    static double taskMetric(String connector, String attribute) throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        double sum = 0;
        int n = 0;
        for (var name : server.queryNames(
                new javax.management.ObjectName(
                        "kafka.connect:type=eventbridge-source-task-metrics,connector=" + connector + ",task=*"),
                null)) {
            sum += ((Number) server.getAttribute(name, attribute)).doubleValue();
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** CPU time so far of each live thread (by id, with its component), and of the whole process under -1. */
    public static Map<Long, Map.Entry<String, Long>> cpuByComponent() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Map.Entry<String, Long>> out = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                out.put(info.getThreadId(), Map.entry(component(info.getThreadName()), cpu));
            }
        }
        out.put(
                -1L,
                Map.entry(
                        PROCESS,
                        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()));
        return out;
    }

    static String component(String thread) {
        if (thread.contains("elasticmq") || thread.contains("pekko")) {
            return "sqs";
        }
        if (thread.startsWith("local-eventbridge") || thread.equals("HTTP-Dispatcher")) {
            return "eventbridge"; // the local EventBridge's request threads (and the JDK HTTP server's dispatcher)
        }
        if (thread.equals("main") || thread.startsWith("pool-")) {
            return "other"; // this harness: filling the queue, counting records
        }
        if (thread.contains("kafka-producer") || thread.contains("kafka-consumer") || thread.contains("admin-client")) {
            return "connect"; // the worker's clients
        }
        for (String broker : List.of(
                "data-plane",
                "quorum",
                "raft",
                "metadata-loader",
                "group-coordinator",
                "ReplicaFetcher",
                "LogCleaner",
                "log-cleaner",
                "kafka-scheduler",
                "ExpirationReaper",
                "controller",
                "broker",
                "share-coordinator",
                "transaction",
                "kafka-cluster-test-kit",
                "kafka-log")) {
            if (thread.contains(broker)) {
                return "broker";
            }
        }
        return "connect";
    }

    /**
     * CPU seconds per component between two samples, thread by thread; "jvm" is the rest of the process's CPU
     * time: garbage collection, the JIT, and threads that ended in between.
     */
    public static Map<String, Double> cpuDelta(
            Map<Long, Map.Entry<String, Long>> before, Map<Long, Map.Entry<String, Long>> after) {
        Map<String, Double> out = new HashMap<>();
        double threads = 0;
        for (Map.Entry<Long, Map.Entry<String, Long>> e : after.entrySet()) {
            if (e.getKey() < 0) {
                continue;
            }
            Map.Entry<String, Long> earlier = before.get(e.getKey());
            double seconds = (e.getValue().getValue() - (earlier == null ? 0 : earlier.getValue())) / 1e9;
            out.merge(e.getValue().getKey(), seconds, Double::sum);
            threads += seconds;
        }
        double process = (after.get(-1L).getValue() - before.get(-1L).getValue()) / 1e9;
        out.put("jvm", Math.max(0, process - threads));
        return out;
    }
}
