package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.SourceBenchmark;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * What the source costs on a freshly started worker (scripts/source-efficiency.sh): the worker is its own JVM
 * ({@link ProcessCluster}, one worker), started anew for every run, so that each run pays the JIT warm-up a restarted
 * or rebalanced worker pays. The SQS server (ElasticMQ) and the broker run in this JVM, warmed before the first run:
 * what is measured is the worker's warm-up, not theirs.
 *
 * <p>Each run pre-fills a queue with {@code records} EventBridge events of about 1 KB, creates the connector and
 * times it from that moment by the tasks' own {@code records-written-total} (over JMX, so nothing competes for the
 * cores). It reports events/s over the first {@code first} events and over the last {@code steady} events, and for
 * both stretches the CPU time per event of: the connector's threads in the worker (task threads, receive loops,
 * delete and visibility threads, the AWS SDK's threads), the worker's producer, the rest of the worker's threads,
 * the worker JVM's own work (garbage collection and the JIT: process CPU less its threads'), the SQS server and
 * the broker.
 *
 * <p>Arguments: {@code records=300000 first=100000 steady=100000 tasks=1,2 runs=1 heap=1g sqs.warmup=200000
 * jvm=<option>,<option> jfr=none set.<connector key>=<value>}. With {@code jfr=all} the worker records a JFR
 * profile of the whole run, with {@code jfr=steady} of the last {@code steady} events only; it is written to the
 * cluster's directory as {@code efficiency-<n>.jfr} (read it with {@link JfrTop}).
 */
public final class SourceEfficiency {
    private static final String[] WORKER_PARTS = {"connector", "producer", "worker", "worker-jvm"};
    private static final String[] SERVER_PARTS = {"sqs", "broker"};

    private SourceEfficiency() {
    }

    /** CPU seconds by part, and the records written, at one moment of a run. */
    private record Sample(long nanos, double written, Map<String, Double> cpu) {
    }

    /** One run: its samples at connector creation, after {@code first} events, before the last {@code steady}, and at the end. */
    record Run(int tasks, int run, int first, int steady, int records, Sample created, Sample afterFirst,
               Sample steadyFrom, Sample end) {
        double firstRate() {
            return first / ((afterFirst.nanos() - created.nanos()) / 1e9);
        }

        double steadyRate() {
            return steady / ((end.nanos() - steadyFrom.nanos()) / 1e9);
        }

        /** Microseconds of CPU per event of {@code part} between two samples. */
        static double perEvent(Sample from, Sample to, String part) {
            double events = to.written() - from.written();
            return 1e6 * (to.cpu().getOrDefault(part, 0.0) - from.cpu().getOrDefault(part, 0.0)) / Math.max(1, events);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("records", "300000", "first", "100000",
            "steady", "100000", "tasks", "1,2", "runs", "1", "heap", "1g", "sqs.warmup", "200000", "jvm", "", "jfr", "none"));
        Map<String, String> overrides = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0 && arg.startsWith("set.")) {
                overrides.put(arg.substring(4, eq), arg.substring(eq + 1));
            } else if (eq < 0 || !opts.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + opts.keySet()
                    + " and set.<connector key>");
            } else {
                opts.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int records = Integer.parseInt(opts.get("records"));
        int first = Integer.parseInt(opts.get("first"));
        int steady = Integer.parseInt(opts.get("steady"));
        if (first > records || steady > records) {
            throw new IllegalArgumentException("first and steady must not exceed records");
        }
        List<String> jvm = new ArrayList<>(opts.get("jvm").isBlank() ? List.of() : List.of(opts.get("jvm").split(",")));
        String jfr = opts.get("jfr");
        if (jfr.equals("all")) {
            jvm.add("-XX:StartFlightRecording=name=efficiency,settings=profile");
        }
        List<Run> runs = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(1, opts.get("heap"), Map.of(), jvm)) {
            warmSqs(cluster, Integer.parseInt(opts.get("sqs.warmup")));
            int n = 0;
            for (int run = 1; run <= Integer.parseInt(opts.get("runs")); run++) {
                for (String tasks : opts.get("tasks").split(",")) {
                    runs.add(run(cluster, Integer.parseInt(tasks), run, records, first, steady, overrides, n, jfr));
                    if (!jfr.equals("none")) {
                        java.nio.file.Path file = cluster.dir().resolve("efficiency-" + n + ".jfr");
                        jcmd(cluster.workers().get(0), "JFR.dump", "name=efficiency", "filename=" + file);
                        System.out.println("JFR profile of run " + n + ": " + file);
                    }
                    n++;
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Fresh worker per run, heap %s, JVM options %s, connector overrides %s%n%n",
            opts.get("heap"), jvm.isEmpty() ? "none" : jvm, overrides.isEmpty() ? "none" : overrides);
        System.out.println("| tasks | run | stretch | events/s | CPU µs per event: connector | producer | worker, other "
            + "| worker JVM (GC, JIT) | SQS server | broker |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            row(r, "first " + String.format(Locale.ROOT, "%,d", r.first()), r.firstRate(), r.created(), r.afterFirst());
            row(r, "last " + String.format(Locale.ROOT, "%,d", r.steady()), r.steadyRate(), r.steadyFrom(), r.end());
        }
        System.exit(0);
    }

    private static void row(Run r, String stretch, double rate, Sample from, Sample to) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s | %,.0f |", r.tasks(), r.run(),
            stretch, rate));
        for (String part : WORKER_PARTS) {
            line.append(String.format(Locale.ROOT, " %.0f |", Run.perEvent(from, to, part)));
        }
        for (String part : SERVER_PARTS) {
            line.append(String.format(Locale.ROOT, " %.0f |", Run.perEvent(from, to, part)));
        }
        System.out.println(line);
    }

    /** ElasticMQ's hot paths compiled before any run: a plain receive-and-delete loop through {@code records}. */
    private static void warmSqs(ProcessCluster cluster, int records) throws Exception {
        if (records <= 0) {
            return;
        }
        String queue = cluster.sqs().createQueue("efficiency-warm-up");
        SourceBenchmark.fill(cluster.sqs(), queue, records);
        long start = System.nanoTime();
        int done = 0;
        while (done < records && System.nanoTime() - start < 600e9) {
            var messages = cluster.sqs().directClient().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                continue;
            }
            List<software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                entries.add(software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i)).receiptHandle(messages.get(i).receiptHandle()).build());
            }
            cluster.sqs().directClient().deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
            done += messages.size();
        }
        System.out.printf(Locale.ROOT, "SQS server warmed: %,d messages in %.1f s%n", done,
            (System.nanoTime() - start) / 1e9);
    }

    private static void jcmd(WorkerProcess worker, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
            "jcmd").toString(), Long.toString(worker.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    private static Run run(ProcessCluster cluster, int tasks, int run, int records, int first, int steady,
                           Map<String, String> overrides, int n, String jfr) throws Exception {
        // a fresh worker JVM: nothing compiled yet
        cluster.killAll();
        cluster.restartDead();
        WorkerProcess worker = cluster.workers().get(0);
        String name = "efficiency-" + n;
        String queue = cluster.sqs().createQueue(name);
        SourceBenchmark.fill(cluster.sqs(), queue, records);
        cluster.kafka().createTopic(name, 4);
        Map<String, String> config = LocalStack.sourceConfig(
            LocalStack.localClientKeys("aws.sqs.", cluster.sqs().directEndpoint()), name, queue);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("value.mode", "detail");
        // as config/eventbridge-source.properties writes schemaless JSON
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.putAll(overrides);
        try (JMXConnector jmx = worker.jmx()) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Sample created = sample(server, name, 0);
            cluster.rest().put(name, config);
            Sample afterFirst = null;
            Sample steadyFrom = null;
            Sample last = created;
            long deadline = System.nanoTime() + 20L * 60 * 1_000_000_000L;
            while (last.written() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + last.written() + " of " + records
                        + " written after 20 minutes; see " + worker.logFile());
                }
                Thread.sleep(50);
                double written = written(server, name);
                if (afterFirst == null && written >= first) {
                    afterFirst = sample(server, name, written);
                    last = afterFirst;
                }
                if (steadyFrom == null && written >= records - steady) {
                    if (jfr.equals("steady")) {
                        jcmd(worker, "JFR.start", "name=efficiency", "settings=profile");
                    }
                    steadyFrom = sample(server, name, written);
                    last = steadyFrom;
                }
                if (written >= records) {
                    last = sample(server, name, written);
                } else if (written > last.written()) {
                    last = new Sample(last.nanos(), written, last.cpu());
                }
            }
            Run result = new Run(tasks, run, first, steady, records, created, afterFirst, steadyFrom, last);
            System.out.printf(Locale.ROOT, "%s, %d task(s), run %d: first %,d at %,.0f events/s, last %,d at %,.0f "
                + "events/s; over the last minute %.1f messages per receive, %.1f per DeleteMessageBatch%n", name,
                tasks, run, first, result.firstRate(), steady, result.steadyRate(),
                taskMetric(server, name, "receive-batch-size-avg"), taskMetric(server, name, "delete-batch-size-avg"));
            cluster.rest().delete(name);
            return result;
        }
    }

    /** A task metric of the connector, averaged over its tasks; NaN without any. */
    private static double taskMetric(MBeanServerConnection server, String connector, String attribute)
        throws Exception {
        double sum = 0;
        int n = 0;
        for (ObjectName mbean : server.queryNames(new ObjectName(
            "kafka.connect:type=eventbridge-source-task-metrics,connector=" + connector + ",task=*"), null)) {
            sum += ((Number) server.getAttribute(mbean, attribute)).doubleValue();
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The records the connector's tasks have had acknowledged by Kafka, summed over its tasks. */
    private static double written(MBeanServerConnection server, String connector) throws Exception {
        double sum = 0;
        for (ObjectName mbean : server.queryNames(new ObjectName(
            "kafka.connect:type=eventbridge-source-task-metrics,connector=" + connector + ",task=*"), null)) {
            try {
                sum += ((Number) server.getAttribute(mbean, "records-written-total")).doubleValue();
            } catch (javax.management.JMException e) {
                // a task still registering its metrics
            }
        }
        return sum;
    }

    private static Sample sample(MBeanServerConnection server, String connector, double written) throws Exception {
        Map<String, Double> cpu = new HashMap<>(workerCpu(server, connector));
        SourceBenchmark.cpuDelta(Map.of(-1L, Map.entry("process", 0L)), SourceBenchmark.cpuByComponent())
            .forEach((part, seconds) -> {
                if (part.equals("sqs") || part.equals("broker")) {
                    cpu.put(part, seconds);
                }
            });
        return new Sample(System.nanoTime(), written, cpu);
    }

    /** CPU seconds so far in the worker JVM by part; "worker-jvm" is the process's CPU less its live threads'. */
    static Map<String, Double> workerCpu(MBeanServerConnection server, String connector) throws Exception {
        com.sun.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
            ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
        com.sun.management.OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(server,
            ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, com.sun.management.OperatingSystemMXBean.class);
        long[] ids = threads.getAllThreadIds();
        long[] cpu = threads.getThreadCpuTime(ids);
        var infos = threads.getThreadInfo(ids);
        Map<String, Double> out = new HashMap<>();
        double total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || cpu[i] <= 0) {
                continue;
            }
            double seconds = cpu[i] / 1e9;
            out.merge(part(infos[i].getThreadName(), connector), seconds, Double::sum);
            total += seconds;
        }
        out.put("worker-jvm", Math.max(0, os.getProcessCpuTime() / 1e9 - total));
        return out;
    }

    /** Which part of the worker a thread belongs to, by its name. */
    static String part(String thread, String connector) {
        if (thread.startsWith("kafka-producer-network-thread") && thread.contains(connector)) {
            return "producer";
        }
        if (thread.contains(connector) || thread.startsWith("sdk-") || thread.startsWith("aws-")
            || thread.startsWith("idle-connection-reaper") || thread.startsWith("eventbridge-")) {
            return "connector"; // the task threads, the receive loops and their helpers, the AWS SDK's threads
        }
        return "worker";
    }
}
