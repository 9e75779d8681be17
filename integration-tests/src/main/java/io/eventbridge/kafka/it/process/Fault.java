package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.local.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A failure injected into a {@link ProcessCluster} in the middle of a workload. */
public interface Fault {
    /** The scenario's name in reports, e.g. {@code kill-one}. */
    String name();

    /** Applies the fault and, when it ends by itself (a restart, a blackhole's end), waits for its end. */
    void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception;

    /** Connector settings the scenario needs (e.g. an IAM role to assume); none by default. */
    default Map<String, String> connectorOverrides(ProcessCluster cluster, Workload workload) {
        return Map.of();
    }

    /** Every how many events the sink's workload sends one it must dead-letter (too large); 0, none, by default. */
    default int poisonEvery() {
        return 0;
    }

    /** What the fault counted during the run, for the report; empty by default. */
    default String report(ProcessCluster cluster) {
        return "";
    }

    /** Puts the cluster back for the next run: starts what is still down. */
    default void restore(ProcessCluster cluster) throws Exception {
        cluster.restartDead();
    }

    /** The proxy between the workload's connector and its AWS service. */
    private static FaultProxy proxyOf(ProcessCluster cluster, Workload workload) {
        return workload.kind().equals("sink") ? cluster.eventsProxy() : cluster.sqsProxy();
    }

    /** SIGKILL of the worker running one of the connector's tasks, picked at random; it stays down for the run. */
    Fault KILL_ONE_WORKER = new Fault() {
        @Override
        public String name() {
            return "kill-one";
        }

        @Override
        public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
            Map<Integer, String> tasks = cluster.rest().taskWorkers(workload.connector());
            List<String> workers = List.copyOf(tasks.values());
            WorkerProcess victim = workers.isEmpty()
                    ? cluster.workers().get(random.nextInt(cluster.workers().size()))
                    : cluster.worker(workers.get(random.nextInt(workers.size())));
            victim.kill();
        }
    };

    /** SIGKILL of every worker at once; they are started again 2 s later. */
    Fault KILL_ALL_WORKERS = new Fault() {
        @Override
        public String name() {
            return "kill-all";
        }

        @Override
        public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
            cluster.killAll();
            Thread.sleep(2_000);
            cluster.restartDead();
        }
    };

    /** The Kafka broker stopped for {@code down}, then started again on the same port and log directory. */
    static Fault brokerDown(String name, Duration down) {
        return new Fault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
                cluster.kafka().stopOnlyBrokers();
                Thread.sleep(down.toMillis());
                cluster.kafka().restartOnlyBrokers();
            }
        };
    }

    /**
     * The network to the workload's AWS endpoint blackholed for {@code down} (twice the connectors' call timeout,
     * which the scenario sets to {@code callTimeout}), then a burst of resets: every open connection reset three
     * times, a second apart.
     */
    static Fault blackhole(Duration callTimeout) {
        return new Fault() {
            @Override
            public String name() {
                return "blackhole";
            }

            @Override
            public Map<String, String> connectorOverrides(ProcessCluster cluster, Workload workload) {
                String prefix = workload.kind().equals("sink") ? "aws.eventbridge." : "aws.sqs.";
                return Map.of(prefix + "api.call.timeout.ms", Long.toString(callTimeout.toMillis()));
            }

            @Override
            public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
                FaultProxy proxy = proxyOf(cluster, workload);
                proxy.blackhole(callTimeout.multipliedBy(2));
                Thread.sleep(callTimeout.multipliedBy(2).toMillis());
                proxy.restore();
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(1_000);
                    proxy.resetConnections();
                }
            }
        };
    }

    /** The workload's AWS service refuses every connection for {@code down}: SQS (or EventBridge) unavailable. */
    static Fault serviceUnavailable(Duration down) {
        return new Fault() {
            @Override
            public String name() {
                return "unavailable";
            }

            @Override
            public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
                FaultProxy proxy = proxyOf(cluster, workload);
                proxy.resetConnections().refuse(down);
                Thread.sleep(down.toMillis());
                proxy.restore();
            }
        };
    }

    /**
     * The connector assumes an IAM role through the local STS, whose sessions last {@code lifetime} and are refused
     * once expired (ExpiredToken), for the whole run; the injection point does nothing more.
     */
    static Fault expiringCredentials(Duration lifetime) {
        return new Fault() {
            private int sessionsBefore;
            private long expiredBefore;

            @Override
            public String name() {
                return "expiring-credentials";
            }

            @Override
            public Map<String, String> connectorOverrides(ProcessCluster cluster, Workload workload) {
                cluster.eventBridge().credentialLifetimeSeconds(lifetime.toSeconds());
                sessionsBefore = cluster.eventBridge().assumeRoleCalls().size();
                expiredBefore = cluster.eventBridge().iam().expiredSessionRefusals();
                String prefix = workload.kind().equals("sink") ? "aws.eventbridge." : "aws.sqs.";
                return Map.of(
                        prefix + "iam.role.arn",
                        "arn:aws:iam::123456789012:role/chaos-" + workload.kind(),
                        prefix + "sts.endpoint.uri",
                        cluster.eventsProxy().endpoint());
            }

            @Override
            public void inject(ProcessCluster cluster, Workload workload, Random random) {}

            @Override
            public String report(ProcessCluster cluster) {
                return String.format(
                        "%d sessions of %d s, %d requests refused as expired",
                        cluster.eventBridge().assumeRoleCalls().size() - sessionsBefore,
                        lifetime.toSeconds(),
                        cluster.eventBridge().iam().expiredSessionRefusals() - expiredBefore);
            }

            @Override
            public void restore(ProcessCluster cluster) throws Exception {
                cluster.eventBridge().credentialLifetimeSeconds(0);
                Fault.super.restore(cluster);
            }
        };
    }

    /**
     * Scenario 7: the sink's dead-letter topic made unwritable for {@code down} (its {@code max.message.bytes} below
     * the poison events' size, so the broker refuses each dead letter) while every 50th event is poison. A task whose
     * dead letter is refused fails naming its record and holds its offsets; once the topic takes writes again, the
     * operator's restart of the failed tasks resumes from the last committed offset.
     */
    static Fault deadLetterTopicUnwritable(Duration down) {
        return new Fault() {
            private int failedTasks;
            private String trace = "";

            @Override
            public String name() {
                return "dlq-unwritable";
            }

            @Override
            public int poisonEvery() {
                return 50;
            }

            @Override
            public void inject(ProcessCluster cluster, Workload workload, Random random) throws Exception {
                String topic = ((SinkWorkload) workload).deadLetterTopic();
                failedTasks = 0;
                maxMessageBytes(cluster, topic, "1024");
                long until = System.nanoTime() + down.toNanos();
                while (System.nanoTime() < until) {
                    failedTasks = Math.max(failedTasks, cluster.rest().failedTasks(workload.connector()));
                    Thread.sleep(200);
                }
                trace = cluster.rest().failureReason(workload.connector());
                maxMessageBytes(cluster, topic, "2097152");
                cluster.rest().restartFailed(workload.connector());
            }

            private static void maxMessageBytes(ProcessCluster cluster, String topic, String bytes) throws Exception {
                try (var admin = cluster.kafka().createAdminClient()) {
                    var resource = new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
                    admin.incrementalAlterConfigs(Map.of(
                                    resource,
                                    List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                                            new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", bytes),
                                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                            .all()
                            .get();
                }
            }

            @Override
            public String report(ProcessCluster cluster) {
                return failedTasks + " task(s) failed" + (trace.isEmpty() ? "" : ": " + trace);
            }
        };
    }
}
