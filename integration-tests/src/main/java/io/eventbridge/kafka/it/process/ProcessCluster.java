package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.local.FaultProxy;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The failure tests' cluster: Kafka (KRaft, in this JVM), the local AWS endpoints (in this JVM) and N distributed
 * Connect workers, each its own JVM ({@link WorkerProcess}) that can be killed with SIGKILL and started again.
 *
 * <p>The worker settings that decide how fast a dead worker's tasks move are set for a test (and reported with
 * every figure): the Connect group's {@code session.timeout.ms}, {@code scheduled.rebalance.max.delay.ms} (how long
 * incremental cooperative rebalancing keeps a departed worker's tasks for it; 5 minutes by default) and the sink
 * tasks' consumer {@code session.timeout.ms} (45 s by default). Production recovery times scale with them.
 */
public final class ProcessCluster implements AutoCloseable {
    /** The test settings; see the class comment. */
    public static final Map<String, String> FAST_FAILOVER = Map.of(
            "session.timeout.ms", "10000",
            "heartbeat.interval.ms", "2000",
            "scheduled.rebalance.max.delay.ms", "10000",
            "consumer.session.timeout.ms", "10000",
            "consumer.heartbeat.interval.ms", "2000");

    private final EmbeddedKafkaCluster kafka;
    private final LocalEventBridge eventBridge;
    private final LocalSqs sqs;
    private final FaultProxy eventsProxy;
    private final FaultProxy sqsProxy;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final Path dir;

    private ProcessCluster(EmbeddedKafkaCluster kafka, LocalEventBridge eventBridge, LocalSqs sqs, Path dir)
            throws IOException {
        this.kafka = kafka;
        this.eventBridge = eventBridge;
        this.sqs = sqs;
        this.dir = dir;
        this.eventsProxy = FaultProxy.start("events", java.net.URI.create(eventBridge.endpoint()));
        this.sqsProxy = FaultProxy.start("sqs", java.net.URI.create(sqs.endpoint()));
        eventBridge.faults().attach(eventsProxy).attach(sqsProxy);
    }

    /**
     * Starts Kafka, the local endpoints and {@code workers} worker JVMs with {@code heap} (e.g. {@code 256m}) and
     * {@link #FAST_FAILOVER} plus {@code extraWorkerProps}; returns once every worker's REST API answers.
     */
    public static ProcessCluster start(int workers, String heap, Map<String, String> extraWorkerProps)
            throws IOException, InterruptedException {
        return start(workers, heap, extraWorkerProps, List.of());
    }

    /** As {@link #start(int, String, Map)}, with further options for the workers' JVMs (e.g. JIT settings, JFR). */
    public static ProcessCluster start(
            int workers, String heap, Map<String, String> extraWorkerProps, List<String> extraJvmOptions)
            throws IOException, InterruptedException {
        Path target = Files.isDirectory(Path.of("integration-tests"))
                ? Path.of("integration-tests", "target")
                : Path.of("target"); // the scripts run from the project's root, the tests from the module's
        Path dir = Files.createDirectories(
                        target.resolve("process-cluster").resolve("run-" + System.currentTimeMillis()))
                .toAbsolutePath();
        Files.writeString(
                dir.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "status = warn",
                        "appender.out.type = Console",
                        "appender.out.name = out",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1}: %m%n",
                        "rootLogger.level = info",
                        "rootLogger.appenderRef.out.ref = out",
                        "logger.kafka.name = org.apache.kafka.clients",
                        "logger.kafka.level = warn",
                        ""));
        LocalEventBridge eventBridge = LocalEventBridge.start();
        LocalSqs sqs = LocalSqs.start(eventBridge.iam());
        eventBridge.deliverTo(sqs);
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        ProcessCluster cluster = new ProcessCluster(kafka, eventBridge, sqs, dir);
        Map<String, String> props =
                new HashMap<>(LocalStack.distributedWorkerProps(kafka.bootstrapServers(), "process-cluster"));
        props.putAll(FAST_FAILOVER);
        props.putAll(extraWorkerProps);
        List<String> jvm = new ArrayList<>(
                List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-Xlog:gc:file=" + dir.resolve("gc-%p.log")));
        jvm.addAll(extraJvmOptions);
        try {
            for (int i = 0; i < workers; i++) {
                cluster.workers.add(new WorkerProcess(i, dir, props, jvm));
            }
            cluster.workers.forEach(WorkerProcess::start);
            for (WorkerProcess w : cluster.workers) {
                w.awaitReady(Duration.ofMinutes(2));
            }
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** SIGKILL to every worker at once. */
    public void killAll() throws InterruptedException {
        for (WorkerProcess w : workers) {
            w.kill();
        }
    }

    /** Starts every worker that is not running and waits for them. */
    public void restartDead() throws InterruptedException {
        restartDead(null);
    }

    /**
     * Starts every worker that is not running, with {@code extraJvmOptions} added to the cluster's own (null: as
     * they last started), and waits for them.
     */
    public void restartDead(List<String> extraJvmOptions) throws InterruptedException {
        restartDead(extraJvmOptions, null);
    }

    /**
     * As {@link #restartDead(List)}, with {@code extraWorkerProps} put over the workers' properties (null: as they
     * last started).
     */
    public void restartDead(List<String> extraJvmOptions, Map<String, String> extraWorkerProps)
            throws InterruptedException {
        List<WorkerProcess> dead = workers.stream().filter(w -> !w.isAlive()).toList();
        for (WorkerProcess w : dead) {
            if (extraJvmOptions != null) {
                w.extraJvmOptions(extraJvmOptions);
            }
            if (extraWorkerProps != null) {
                w.extraWorkerProps(extraWorkerProps);
            }
            w.start();
        }
        for (WorkerProcess w : dead) {
            w.awaitReady(Duration.ofMinutes(2));
        }
    }

    public List<WorkerProcess> workers() {
        return List.copyOf(workers);
    }

    /** The REST API of a running worker (any one: a distributed cluster forwards to the leader). */
    public ConnectRest rest() {
        return workers.stream()
                .filter(WorkerProcess::isAlive)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no worker is running"))
                .rest();
    }

    /** The worker a task's status names, or null. */
    public WorkerProcess worker(String workerId) {
        return workers.stream()
                .filter(w -> w.workerId().equals(workerId))
                .findFirst()
                .orElse(null);
    }

    /**
     * The TCP fault proxy in front of the local EventBridge (and STS, Schemas) endpoint: connectors of the failure
     * tests reach AWS through it.
     */
    public FaultProxy eventsProxy() {
        return eventsProxy;
    }

    /** The TCP fault proxy in front of the local SQS endpoint. */
    public FaultProxy sqsProxy() {
        return sqsProxy;
    }

    public EmbeddedKafkaCluster kafka() {
        return kafka;
    }

    public LocalEventBridge eventBridge() {
        return eventBridge;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    /** Where the workers' properties, logs and GC logs are. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (WorkerProcess w : workers) {
            try {
                w.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        eventsProxy.close();
        sqsProxy.close();
        try {
            kafka.stop();
        } finally {
            eventBridge.close();
            sqs.close();
        }
    }
}
