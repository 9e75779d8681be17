package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.MainArgs;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * The soak (scripts/soak.sh): one Connect worker as its own JVM with a small heap runs the sink and the source side by
 * side at a steady rate against a local EventBridge with 20 ms of latency, for {@code minutes}. Every interval it
 * reports events/s, end-to-end p50/p99 (driver-measured: handed to Kafka or SQS until it is on the bus or in Kafka),
 * the connectors' own {@code event-latency-p99}, the heap after the interval's young collections and the GC pauses.
 * Heap after a full GC is taken at minute 5 and at the end. Then the sink alone drains a backlog with one task, for
 * its rate inside the same heap. Prints Markdown and checks the goals of issue 16.
 *
 * <p>Arguments: {@code minutes=30 rate=1000 latency=20 heap=256m interval=60 backlog=300000}, {@code jvm=} for
 * further worker JVM options, and {@code connectors=sink,source} (one of them alone: the other is not deployed).
 */
public final class Soak {
    private Soak() {}

    /** One interval's figures. */
    record Interval(
            int index,
            double sinkRate,
            long[] sinkLatency,
            double sinkTaskP99,
            double sourceRate,
            long[] sourceLatency,
            double sourceTaskP99,
            long heapAfterYoungMb,
            long gcPauseMs) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = MainArgs.parse(
                Map.of(
                        "minutes",
                        "30",
                        "rate",
                        "1000",
                        "latency",
                        "20",
                        "heap",
                        "256m",
                        "interval",
                        "60",
                        "backlog",
                        "300000",
                        "jvm",
                        "",
                        "connectors",
                        "sink,source"),
                args);
        Result result = run(
                Double.parseDouble(opts.get("minutes")),
                Integer.parseInt(opts.get("rate")),
                Integer.parseInt(opts.get("latency")),
                opts.get("heap"),
                Integer.parseInt(opts.get("interval")),
                Integer.parseInt(opts.get("backlog")),
                jvmOptions(opts.get("jvm")),
                java.util.Set.of(opts.get("connectors").split(",")));
        System.out.println();
        System.out.println("Soak: " + opts);
        System.out.println(result.markdown());
    }

    /** What the soak measured. */
    record Result(
            List<Interval> intervals,
            long sinkEvents,
            long sinkLost,
            long sinkDuplicates,
            long sourceEvents,
            long sourceLost,
            long sourceDuplicates,
            long heapAtMinute5Mb,
            long heapAtEndMb,
            int steadyAtSeconds,
            long[] sinkLatencySteady,
            long[] sourceLatencySteady,
            double backlogRatePerTask,
            String heap) {

        /** Heap after a full GC at the end within 10% of the one at minute 5. */
        boolean heapFlat() {
            return heapAtEndMb <= heapAtMinute5Mb * 1.10;
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("| interval | sink events/s | sink p50 / p99 (e2e) | sink event-latency-p99 | source events/s |"
                    + " source p50 / p99 (e2e) | source event-latency-p99 | heap after young GC | GC pauses |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Interval i : intervals) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %,.0f | %s | %s | %,.0f | %s | %s | %d MB | %d ms |%n",
                        i.index(),
                        i.sinkRate(),
                        p50p99(i.sinkLatency()),
                        millis(i.sinkTaskP99()),
                        i.sourceRate(),
                        p50p99(i.sourceLatency()),
                        millis(i.sourceTaskP99()),
                        i.heapAfterYoungMb(),
                        i.gcPauseMs()));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%nsink: %,d events, %d lost, %d duplicates; source: %,d events, %d lost," + " %d duplicates%n",
                    sinkEvents,
                    sinkLost,
                    sinkDuplicates,
                    sourceEvents,
                    sourceLost,
                    sourceDuplicates));
            out.append(String.format(
                    Locale.ROOT,
                    "heap after a full GC: %d MB at %d s, %d MB at the end (-Xmx%s)%n",
                    heapAtMinute5Mb,
                    steadyAtSeconds,
                    heapAtEndMb,
                    heap));
            out.append(String.format(
                    Locale.ROOT,
                    "steady state (events sent from %d s on): sink e2e %s, source e2e %s%n",
                    steadyAtSeconds,
                    p50p99(sinkLatencySteady),
                    p50p99(sourceLatencySteady)));
            if (backlogRatePerTask > 0) {
                out.append(String.format(
                        Locale.ROOT, "sink backlog, one task, same worker: %,.0f events/s%n", backlogRatePerTask));
            }
            out.append(goal("heap after GC flat within 10% from " + steadyAtSeconds + " s", heapFlat()));
            out.append(goal("no lost event", sinkLost == 0 && sourceLost == 0));
            if (sinkEvents > 0) {
                out.append(goal(
                        "sink p99 <= 100 ms at the steady rate",
                        sinkLatencySteady.length > 0 && percentile(sinkLatencySteady, 0.99) <= 100_000));
            }
            if (sourceEvents > 0) {
                out.append(goal(
                        "source p99 <= 250 ms at the steady rate",
                        sourceLatencySteady.length > 0 && percentile(sourceLatencySteady, 0.99) <= 250_000));
            }
            if (backlogRatePerTask > 0) {
                out.append(goal(">= 5,000 events/s per sink task at 20 ms", backlogRatePerTask >= 5_000));
            }
            return out.toString();
        }

        private static String goal(String name, boolean met) {
            return "- " + name + ": " + (met ? "met" : "NOT met") + "\n";
        }
    }

    static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
    }

    private static String p50p99(long[] micros) {
        return micros.length == 0
                ? "-"
                : String.format(
                        Locale.ROOT, "%.0f / %.0f ms", percentile(micros, 0.5) / 1e3, percentile(micros, 0.99) / 1e3);
    }

    /** A task metric in ms, or "-" where the connector does not run (the metric is NaN then). */
    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }

    /** {@code jvm=}: further worker JVM options, separated by spaces (e.g. a JFR recording, JIT settings). */
    static List<String> jvmOptions(String spaceSeparated) {
        return spaceSeparated.isBlank()
                ? List.of()
                : List.of(spaceSeparated.trim().split("\\s+"));
    }

    public static Result run(double minutes, int rate, int latencyMs, String heap, int intervalSeconds, int backlog)
            throws Exception {
        return run(
                minutes,
                rate,
                latencyMs,
                heap,
                intervalSeconds,
                backlog,
                List.of(),
                java.util.Set.of("sink", "source"));
    }

    public static Result run(
            double minutes,
            int rate,
            int latencyMs,
            String heap,
            int intervalSeconds,
            int backlog,
            List<String> workerJvmOptions,
            java.util.Set<String> connectors)
            throws Exception {
        int seconds = (int) Math.round(minutes * 60);
        // the steady state starts at minute 5 (half the run when shorter): heap after a full GC is taken there
        int steadyAtSeconds = Math.min(300, seconds / 2);
        try (ProcessCluster cluster = ProcessCluster.start(1, heap, Map.of(), workerJvmOptions);
                SinkWorkload sink = new SinkWorkload(cluster, "soak-sink", rate * seconds, 0);
                SourceWorkload source = new SourceWorkload(cluster, "soak-source", rate * seconds, 60)) {
            cluster.eventBridge().faults().latencyMs(latencyMs);
            cluster.eventBridge().keepEvents(false);
            WorkerProcess worker = cluster.workers().get(0);
            // connectors=sink (or source) runs one alone in the worker, to tell its figures from the other's load
            List<Workload> active = java.util.stream.Stream.of(sink, source)
                    .filter(w -> connectors.contains(w.kind()))
                    .toList();
            for (String name : connectors) {
                if (!name.equals("sink") && !name.equals("source")) {
                    throw new IllegalArgumentException("connectors= takes sink and/or source, not '" + name + "'");
                }
            }
            if (active.isEmpty()) {
                throw new IllegalArgumentException("connectors= names neither sink nor source: " + connectors);
            }
            for (Workload w : active) {
                w.prepare();
                Map<String, String> config = new java.util.HashMap<>(w.config());
                config.put("tasks.max", "1");
                cluster.rest().put(w.connector(), config);
                FailureRun.awaitRunning(cluster, w.connector(), Duration.ofMinutes(2));
            }
            FailureRun.Load load = new FailureRun.Load(rate, seconds, 60, Duration.ofMinutes(3));
            AtomicReference<Exception> failure = new AtomicReference<>();
            List<Thread> feeders = new ArrayList<>();
            for (Workload w : active) {
                Thread t = new Thread(() -> FailureRun.feed(w, load, failure), w.connector() + "-feeder");
                t.start();
                feeders.add(t);
            }
            long start = System.nanoTime();
            List<Interval> intervals = new ArrayList<>();
            long heapAt5 = 0;
            long steadyFrom = 0;
            try (JMXConnector jmx = worker.jmx()) {
                MBeanServerConnection server = jmx.getMBeanServerConnection();
                long gcBefore = gcMillis(server);
                for (int i = 1; (long) i * intervalSeconds <= seconds; i++) {
                    long end = start + i * intervalSeconds * 1_000_000_000L;
                    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                    long from = end - intervalSeconds * 1_000_000_000L;
                    Thread.sleep(2_000); // events sent at the interval's end have arrived
                    long gcNow = gcMillis(server);
                    intervals.add(new Interval(
                            i,
                            sink.arrivals().arrivedBetween(from, end) / (double) intervalSeconds,
                            sink.arrivals().latenciesMicros(from, end),
                            taskMetric(server, "sink", sink.connector()),
                            source.arrivals().arrivedBetween(from, end) / (double) intervalSeconds,
                            source.arrivals().latenciesMicros(from, end),
                            taskMetric(server, "source", source.connector()),
                            GcLog.minHeapAfterMb(worker.gcLog(), from, end),
                            gcNow - gcBefore));
                    gcBefore = gcNow;
                    System.out.println(intervals.get(intervals.size() - 1));
                    if (heapAt5 == 0 && i * intervalSeconds >= steadyAtSeconds) {
                        heapAt5 = heapAfterFullGc(server);
                        steadyFrom = System.nanoTime();
                    }
                }
                for (Thread t : feeders) {
                    t.join();
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while ((sink.arrivals().missing() > 0 || source.arrivals().missing() > 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                long heapEnd = heapAfterFullGc(server);
                if (heapAt5 == 0) {
                    heapAt5 = heapEnd;
                }
                long to = System.nanoTime();
                long steady = steadyFrom == 0 ? start : steadyFrom;
                long[] sinkSteady = sink.arrivals().latenciesMicros(steady, to);
                long[] sourceSteady = source.arrivals().latenciesMicros(steady, to);
                for (Workload w : active) {
                    cluster.rest().delete(w.connector());
                }
                double backlogRate = backlog > 0 ? backlogRate(cluster, backlog) : 0;
                return new Result(
                        intervals,
                        sink.arrivals().sentCount(),
                        sink.arrivals().missing(),
                        sink.arrivals().duplicates(),
                        source.arrivals().sentCount(),
                        source.arrivals().missing(),
                        source.arrivals().duplicates(),
                        heapAt5,
                        heapEnd,
                        steadyAtSeconds,
                        sinkSteady,
                        sourceSteady,
                        backlogRate,
                        heap);
            }
        }
    }

    /** The sink with one task drains {@code records} already in its topic: events/s from first to last arrival. */
    private static double backlogRate(ProcessCluster cluster, int records) throws Exception {
        try (SinkWorkload backlog = new SinkWorkload(cluster, "soak-backlog", records, 0)) {
            backlog.prepare();
            backlog.send(0, records);
            Map<String, String> config = new java.util.HashMap<>(backlog.config());
            config.put("tasks.max", "1");
            cluster.rest().put(backlog.connector(), config);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (backlog.arrivals().missing() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long[] span = backlog.arrivals().arrivalSpan();
            cluster.rest().delete(backlog.connector());
            return span[1] > span[0] ? backlog.arrivals().distinct() / ((span[1] - span[0]) / 1e9) : 0;
        }
    }

    private static long heapAfterFullGc(MBeanServerConnection server) throws Exception {
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static long gcMillis(MBeanServerConnection server) throws Exception {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class)) {
            total += gc.getCollectionTime();
        }
        return total;
    }

    private static double taskMetric(MBeanServerConnection server, String kind, String connector) {
        try {
            return ((Number) server.getAttribute(
                            new ObjectName("kafka.connect:type=eventbridge-" + kind + "-task-metrics,connector="
                                    + connector + ",task=0"),
                            "event-latency-p99"))
                    .doubleValue();
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
