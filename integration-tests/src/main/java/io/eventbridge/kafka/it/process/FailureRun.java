package io.eventbridge.kafka.it.process;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a failure scenario: deploys a workload's connector on the {@link ProcessCluster}, feeds it numbered
 * events at a steady rate, injects the fault at a random point once events are flowing, then waits until every event
 * has arrived and nothing more can (a second copy included), and reports what was lost, what came twice and how long
 * after the fault everything sent before it had arrived.
 */
public final class FailureRun {
    private static final Logger log = LoggerFactory.getLogger(FailureRun.class);

    /**
     * @param rate events per second handed to Kafka (sink) or SQS (source)
     * @param seconds how long the events are fed
     * @param visibilitySeconds the source's {@code sqs.visibility.timeout.seconds}
     * @param drainTimeout how long after the last event is fed everything must have arrived
     */
    public record Load(int rate, int seconds, int visibilitySeconds, Duration drainTimeout) {
        int events() {
            return rate * seconds;
        }
    }

    /**
     * @param lost events sent that never arrived
     * @param duplicates arrivals of an event that had already arrived
     * @param recoveryMillis from the fault until the last event it delayed had arrived (delayed: slower than
     *     {@code delayedMillis}); -1 when some never did
     * @param delayedMillis 5 x the 99th percentile of the time an event took in the 2 s before the fault, kept
     *     between 1 s and 5 s
     * @param finalStates the connector's and tasks' states at the end, e.g. {@code RUNNING RUNNING RUNNING RUNNING}
     * @param note what the fault counted, e.g. the sessions the credentials scenario issued
     */
    public record Outcome(
            String connector,
            String scenario,
            int run,
            int events,
            long lost,
            long duplicates,
            long recoveryMillis,
            long delayedMillis,
            String finalStates,
            String note) {}

    /**
     * How long a task may stay UNASSIGNED once every event has arrived: {@link ProcessCluster#FAST_FAILOVER}'s
     * {@code scheduled.rebalance.max.delay.ms} (10 s) and {@code session.timeout.ms} (10 s) and a rebalance's margin.
     */
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(45);

    private FailureRun() {}

    public static Outcome run(ProcessCluster cluster, String kind, Fault fault, int run, Load load, Random random)
            throws Exception {
        String name =
                "chaos-" + kind + "-" + fault.name() + "-" + run + "-" + Long.toHexString(random.nextLong() >>> 40);
        try (Workload workload = kind.equals("sink")
                ? new SinkWorkload(cluster, name, load.events(), fault.poisonEvery())
                : new SourceWorkload(cluster, name, load.events(), load.visibilitySeconds())) {
            workload.prepare();
            java.util.Map<String, String> config = new java.util.HashMap<>(workload.config());
            config.putAll(fault.connectorOverrides(cluster, workload));
            cluster.rest().put(name, config);
            awaitRunning(cluster, name, Duration.ofMinutes(2));
            AtomicReference<Exception> feedFailure = new AtomicReference<>();
            Thread feeder = new Thread(() -> feed(workload, load, feedFailure), name + "-feeder");
            feeder.start();
            // a steady state first: events arriving within a second (a sink's consumer group settles a few seconds
            // after its tasks start), for at most three fifths of the feed; then a random point in the next fifth
            long feedStart = System.nanoTime();
            long steadyBy = feedStart + (long) (load.seconds() * 0.6e9);
            while (System.nanoTime() < steadyBy
                    && (workload.arrivals().distinct() == 0
                            || workload.arrivals().p99BeforeMillis(System.nanoTime(), 2_000) > 1_000
                            || System.nanoTime() - feedStart < 2_000_000_000L)) {
                Thread.sleep(100);
            }
            long faultAt = System.nanoTime() + (long) (0.2 * random.nextDouble() * load.seconds() * 1e9);
            while (System.nanoTime() < faultAt) {
                Thread.sleep(20);
            }
            long faultNanos = System.nanoTime();
            long delayed =
                    Math.min(5_000, Math.max(1_000, 5 * workload.arrivals().p99BeforeMillis(faultNanos, 2_000)));
            log.info(
                    "{}: injecting {} after {} events sent, {} arrived",
                    name,
                    fault.name(),
                    workload.arrivals().sentCount(),
                    workload.arrivals().distinct());
            fault.inject(cluster, workload, random);
            feeder.join();
            if (feedFailure.get() != null) {
                throw feedFailure.get();
            }
            long deadline = System.nanoTime() + load.drainTimeout().toNanos();
            while (workload.arrivals().missing() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long recovery = workload.arrivals().recoveryMillis(faultNanos, delayed);
            while (!workload.settled() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(1_000); // a second copy in flight when it settled
            String states = awaitAssigned(cluster, name, ASSIGNMENT_TIMEOUT);
            Outcome outcome = new Outcome(
                    kind,
                    fault.name(),
                    run,
                    workload.arrivals().sentCount(),
                    workload.arrivals().missing(),
                    workload.arrivals().duplicates(),
                    recovery,
                    delayed,
                    states,
                    note(fault.report(cluster), workload.inputSurplus()));
            log.info("{}: {}", name, outcome);
            if (outcome.duplicates() > 0) {
                log.info("{}: duplicates {}", name, workload.arrivals().duplicateSamples());
            }
            cluster.rest().delete(name);
            fault.restore(cluster);
            return outcome;
        }
    }

    /** The fault's report, and the input's surplus copies when there are any (they arrive as duplicates). */
    static String note(String report, long inputSurplus) {
        if (inputSurplus <= 0) {
            return report;
        }
        String surplus = inputSurplus + " more record(s) in the input than events sent (the feed's retries)";
        return report.isEmpty() ? surplus : report + "; " + surplus;
    }

    /** Hands {@code load.events()} events to the workload at {@code load.rate()} per second, in 50 ms steps. */
    static void feed(Workload workload, Load load, AtomicReference<Exception> failure) {
        long start = System.nanoTime();
        int sent = 0;
        try {
            while (sent < load.events()) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                int due = (int) Math.min(load.events(), Math.ceil(elapsed * load.rate()));
                if (due > sent) {
                    workload.send(sent, due);
                    sent = due;
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /**
     * Waits while some task is UNASSIGNED (a worker's tasks held for it, or moving in a rebalance), at most
     * {@code timeout}, and returns the states then. Events can all have arrived before that: the other source tasks
     * drain the queue, so a task left unassigned is only seen here. FAILED is final and returned at once.
     */
    static String awaitAssigned(ProcessCluster cluster, String name, Duration timeout) throws Exception {
        long start = System.nanoTime();
        String states = cluster.rest().states(name);
        while (states.contains("UNASSIGNED") && System.nanoTime() - start < timeout.toNanos()) {
            Thread.sleep(200);
            states = cluster.rest().states(name);
        }
        if (System.nanoTime() - start > 1_000_000_000L) {
            log.info(
                    "{}: tasks assigned {} ms after the events settled: {}",
                    name,
                    (System.nanoTime() - start) / 1_000_000,
                    states);
        }
        return states;
    }

    static void awaitRunning(ProcessCluster cluster, String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.rest().states(name).matches("RUNNING( RUNNING)+")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not running after " + timeout + ": "
                        + cluster.rest().states(name));
            }
            Thread.sleep(200);
        }
    }
}
