package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.MainArgs;
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
 * What a connector costs on a freshly started worker (scripts/source-efficiency.sh, scripts/sink-efficiency.sh): the
 * worker is its own JVM ({@link ProcessCluster}, one worker), started anew for every run, so that each run pays the
 * JIT warm-up a restarted or rebalanced worker pays. The AWS servers and the broker run in this JVM, warmed before
 * the first run: what is measured is the worker's warm-up, not theirs.
 *
 * <p>Each run pre-fills the connector's input with {@code records} events ({@link Subject#prepare}), creates the
 * connector and times it from that moment by the tasks' own count of events done (over JMX, so nothing competes for
 * the cores). It reports events/s over the first {@code first} events and over the last {@code steady} events, and
 * for both stretches the CPU time per event of: the connector's threads in the worker (task threads and their
 * helpers, the AWS SDK's threads), the worker's producer for the connector, the rest of the worker's threads, the
 * worker JVM's own work (garbage collection and the JIT: process CPU less its threads'), the AWS server the connector
 * talks to, and the broker.
 *
 * <p>Arguments: {@code records=300000 first=100000 steady=100000 tasks=1,2 runs=1 heap=1g warmup=200000
 * jvm=<option>,<option> variants=none;<option>,<option>;... jfr=none set.<connector key>=<value>} (a subject may
 * change the defaults). {@code jvm} is added to every run's worker; {@code variants} are sets of worker JVM options
 * compared in one invocation, each run with each ({@code none}: no more options); an element
 * {@code worker.<key>=<value>} sets a worker property instead, e.g. {@code worker.plugin.path=/tmp/before} runs a
 * saved build of the plugins against the current one. With
 * {@code jfr=all} the worker records a JFR profile of the whole run, with {@code jfr=steady} of the last
 * {@code steady} events only; it is written to the cluster's directory as {@code efficiency-<n>.jfr} (read it with
 * {@link JfrTop}).
 */
public final class Efficiency {
    /** A variant's element that sets a worker property rather than a JVM option: {@code worker.<key>=<value>}. */
    private static final String WORKER_PROPERTY = "worker.";

    private static final String[] WORKER_PARTS = {"connector", "producer", "worker", "worker-jvm"};

    private Efficiency() {}

    /** The connector under measurement: its input, its configuration and how its tasks count what they did. */
    interface Subject {
        /** The AWS server's component in this JVM, as {@link SourceBenchmark#cpuByComponent} names it. */
        String server();

        /** The task metrics' group and the cumulative attribute that counts events done. */
        String metricGroup();

        String doneAttribute();

        /** Arguments whose defaults differ for this subject. */
        Map<String, String> defaults();

        /** Compiles the AWS server's hot paths before any run, with about {@code records} events. */
        void warmServer(ProcessCluster cluster, int records) throws Exception;

        /** Creates the run's input ({@code records} events) and answers the connector's configuration. */
        Map<String, String> prepare(ProcessCluster cluster, String name, int records) throws Exception;

        /** What the tasks' own metrics say of the run, for its summary line. */
        String summary(MBeanServerConnection server, String connector) throws Exception;
    }

    /** A variant's worker JVM options and worker properties. */
    record Variant(List<String> jvmOptions, Map<String, String> workerProps) {
        /** {@code none}, or comma-separated JVM options and {@code worker.<key>=<value>} worker properties. */
        static Variant parse(String variant) {
            List<String> jvm = new ArrayList<>();
            Map<String, String> props = new LinkedHashMap<>();
            for (String option : variant.equals("none") ? List.<String>of() : List.of(variant.split(","))) {
                if (option.startsWith(WORKER_PROPERTY)) {
                    String[] kv = option.substring(WORKER_PROPERTY.length()).split("=", 2);
                    if (kv.length != 2 || kv[0].isEmpty()) {
                        throw new IllegalArgumentException(
                                "a worker property in a variant is worker.<key>=<value>: " + option);
                    }
                    props.put(kv[0], kv[1]);
                } else {
                    jvm.add(option);
                }
            }
            return new Variant(List.copyOf(jvm), Map.copyOf(props));
        }
    }

    /** CPU seconds by part, and the events done, at one moment of a run. */
    record Sample(long nanos, double done, Map<String, Double> cpu) {}

    /** One run: its samples at connector creation, after {@code first} events, before the last {@code steady}, and at the end. */
    record Run(
            String variant,
            int tasks,
            int run,
            int first,
            int steady,
            Sample created,
            Sample afterFirst,
            Sample steadyFrom,
            Sample end) {
        double firstRate() {
            return first / ((afterFirst.nanos() - created.nanos()) / 1e9);
        }

        double steadyRate() {
            return steady / ((end.nanos() - steadyFrom.nanos()) / 1e9);
        }

        /** Microseconds of CPU per event of {@code part} over the first events. */
        double firstCpu(String part) {
            return perEvent(created, afterFirst, part);
        }

        /** Microseconds of CPU per event of {@code part} over the last events. */
        double steadyCpu(String part) {
            return perEvent(steadyFrom, end, part);
        }

        /** Microseconds of CPU per event of {@code part} between two samples. */
        static double perEvent(Sample from, Sample to, String part) {
            double events = to.done() - from.done();
            return 1e6 * (to.cpu().getOrDefault(part, 0.0) - from.cpu().getOrDefault(part, 0.0)) / Math.max(1, events);
        }
    }

    /** The runs, and what they ran with. */
    record Result(Subject subject, String heap, List<String> jvm, Map<String, String> overrides, List<Run> runs) {
        String markdown() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Fresh worker per run, heap %s, JVM options %s, connector overrides %s%n%n",
                    heap,
                    jvm.isEmpty() ? "none" : jvm,
                    overrides.isEmpty() ? "none" : overrides));
            out.append(
                            "| worker JVM options | tasks | run | stretch | events/s | CPU µs per event: connector | producer "
                                    + "| worker, other | worker JVM (GC, JIT) | ")
                    .append(subject.server())
                    .append(" server | broker |\n");
            out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Run r : runs) {
                row(
                        out,
                        subject,
                        r,
                        "first " + String.format(Locale.ROOT, "%,d", r.first()),
                        r.firstRate(),
                        r.created(),
                        r.afterFirst());
                row(
                        out,
                        subject,
                        r,
                        "last " + String.format(Locale.ROOT, "%,d", r.steady()),
                        r.steadyRate(),
                        r.steadyFrom(),
                        r.end());
            }
            return out.toString();
        }
    }

    static void main(Subject subject, String[] args) throws Exception {
        System.out.println();
        System.out.print(measure(subject, args).markdown());
        System.exit(0);
    }

    static Result measure(Subject subject, String... args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>(Map.of(
                "records",
                "300000",
                "first",
                "100000",
                "steady",
                "100000",
                "tasks",
                "1,2",
                "runs",
                "1",
                "heap",
                "1g",
                "warmup",
                "200000",
                "jvm",
                "",
                "variants",
                "none",
                "jfr",
                "none"));
        defaults.putAll(subject.defaults());
        Map<String, String> opts = MainArgs.parse(defaults, args, "set.");
        Map<String, String> overrides = MainArgs.under(opts, "set.");
        int records = Integer.parseInt(opts.get("records"));
        int first = Integer.parseInt(opts.get("first"));
        int steady = Integer.parseInt(opts.get("steady"));
        if (first > records || steady > records) {
            throw new IllegalArgumentException("first and steady must not exceed records");
        }
        List<String> jvm = new ArrayList<>(
                opts.get("jvm").isBlank() ? List.of() : List.of(opts.get("jvm").split(",")));
        String jfr = opts.get("jfr");
        if (jfr.equals("all")) {
            jvm.add("-XX:StartFlightRecording=name=efficiency,settings=profile");
        }
        List<Run> runs = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(1, opts.get("heap"), Map.of(), jvm)) {
            int warmup = Integer.parseInt(opts.get("warmup"));
            if (warmup > 0) {
                long start = System.nanoTime();
                subject.warmServer(cluster, warmup);
                System.out.printf(
                        Locale.ROOT,
                        "AWS server warmed with %,d events in %.1f s%n",
                        warmup,
                        (System.nanoTime() - start) / 1e9);
            }
            int n = 0;
            for (int run = 1; run <= Integer.parseInt(opts.get("runs")); run++) {
                for (String variant : opts.get("variants").split(";")) {
                    for (String tasks : opts.get("tasks").split(",")) {
                        runs.add(run(
                                subject,
                                cluster,
                                variant,
                                Integer.parseInt(tasks),
                                run,
                                records,
                                first,
                                steady,
                                overrides,
                                n,
                                jfr));
                        if (!jfr.equals("none")) {
                            java.nio.file.Path file = cluster.dir().resolve("efficiency-" + n + ".jfr");
                            jcmd(cluster.workers().get(0), "JFR.dump", "name=efficiency", "filename=" + file);
                            System.out.println("JFR profile of run " + n + ": " + file);
                        }
                        n++;
                    }
                }
            }
        }
        return new Result(subject, opts.get("heap"), jvm, overrides, runs);
    }

    private static void row(
            StringBuilder line, Subject subject, Run r, String stretch, double rate, Sample from, Sample to) {
        line.append(String.format(
                Locale.ROOT, "| %s | %d | %d | %s | %,.0f |", r.variant(), r.tasks(), r.run(), stretch, rate));
        for (String part : WORKER_PARTS) {
            line.append(String.format(Locale.ROOT, " %.0f |", Run.perEvent(from, to, part)));
        }
        for (String part : List.of(subject.server(), "broker")) {
            line.append(String.format(Locale.ROOT, " %.0f |", Run.perEvent(from, to, part)));
        }
        line.append('\n');
    }

    private static void jcmd(WorkerProcess worker, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                        .toString(),
                Long.toString(worker.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    private static Run run(
            Subject subject,
            ProcessCluster cluster,
            String variant,
            int tasks,
            int run,
            int records,
            int first,
            int steady,
            Map<String, String> overrides,
            int n,
            String jfr)
            throws Exception {
        // a fresh worker JVM: nothing compiled yet
        cluster.killAll();
        Variant options = Variant.parse(variant);
        cluster.restartDead(options.jvmOptions(), options.workerProps());
        WorkerProcess worker = cluster.workers().get(0);
        String name = "efficiency-" + n;
        Map<String, String> config = new HashMap<>(subject.prepare(cluster, name, records));
        config.put("tasks.max", Integer.toString(tasks));
        config.putAll(overrides);
        try (JMXConnector jmx = worker.jmx()) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Sample created = sample(subject, server, name, 0);
            cluster.rest().put(name, config);
            Sample afterFirst = null;
            Sample steadyFrom = null;
            Sample last = created;
            long deadline = System.nanoTime() + 20L * 60 * 1_000_000_000L;
            while (last.done() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + last.done() + " of " + records
                            + " done after 20 minutes; see " + worker.logFile());
                }
                Thread.sleep(50);
                double done = done(subject, server, name);
                if (afterFirst == null && done >= first) {
                    afterFirst = sample(subject, server, name, done);
                    last = afterFirst;
                }
                if (steadyFrom == null && done >= records - steady) {
                    if (jfr.equals("steady")) {
                        jcmd(worker, "JFR.start", "name=efficiency", "settings=profile");
                    }
                    steadyFrom = sample(subject, server, name, done);
                    last = steadyFrom;
                }
                if (done >= records) {
                    last = sample(subject, server, name, done);
                } else if (done > last.done()) {
                    last = new Sample(last.nanos(), done, last.cpu());
                }
            }
            Run result = new Run(variant, tasks, run, first, steady, created, afterFirst, steadyFrom, last);
            System.out.printf(
                    Locale.ROOT,
                    "%s, JVM options %s, %d task(s), run %d: first %,d at %,.0f events/s, "
                            + "last %,d at %,.0f events/s; %s%n",
                    name,
                    variant,
                    tasks,
                    run,
                    first,
                    result.firstRate(),
                    steady,
                    result.steadyRate(),
                    subject.summary(server, name));
            cluster.rest().delete(name);
            return result;
        }
    }

    /** A task metric of the connector, averaged over its tasks; NaN without any. */
    static double taskMetric(MBeanServerConnection server, String group, String connector, String attribute)
            throws Exception {
        double sum = 0;
        int n = 0;
        for (ObjectName mbean : server.queryNames(
                new ObjectName("kafka.connect:type=" + group + ",connector=" + connector + ",task=*"), null)) {
            sum += ((Number) server.getAttribute(mbean, attribute)).doubleValue();
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The events the connector's tasks have done, summed over its tasks. */
    private static double done(Subject subject, MBeanServerConnection server, String connector) throws Exception {
        double sum = 0;
        for (ObjectName mbean : server.queryNames(
                new ObjectName("kafka.connect:type=" + subject.metricGroup() + ",connector=" + connector + ",task=*"),
                null)) {
            try {
                sum += ((Number) server.getAttribute(mbean, subject.doneAttribute())).doubleValue();
            } catch (javax.management.JMException e) {
                // a task still registering its metrics
            }
        }
        return sum;
    }

    private static Sample sample(Subject subject, MBeanServerConnection server, String connector, double done)
            throws Exception {
        Map<String, Double> cpu = new HashMap<>(workerCpu(server, connector));
        SourceBenchmark.cpuDelta(Map.of(-1L, Map.entry("process", 0L)), SourceBenchmark.cpuByComponent())
                .forEach((part, seconds) -> {
                    if (part.equals(subject.server()) || part.equals("broker")) {
                        cpu.put(part, seconds);
                    }
                });
        return new Sample(System.nanoTime(), done, cpu);
    }

    /** CPU seconds so far in the worker JVM by part; "worker-jvm" is the process's CPU less its live threads'. */
    static Map<String, Double> workerCpu(MBeanServerConnection server, String connector) throws Exception {
        com.sun.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
        com.sun.management.OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, com.sun.management.OperatingSystemMXBean.class);
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
        if (thread.contains(connector)
                || thread.startsWith("sdk-")
                || thread.startsWith("aws-")
                || thread.startsWith("idle-connection-reaper")
                || thread.startsWith("eventbridge-")) {
            return "connector"; // the task threads and their helpers, the AWS SDK's threads
        }
        return "worker";
    }
}
