package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The local stack: an in-JVM Kafka (KRaft) and Connect cluster that loads the packaged plugins from
 * {@code plugin.path}, a {@link LocalEventBridge} and a {@link LocalSqs}. Used by the integration tests, the benchmark
 * and the quickstart.
 */
public final class LocalStack implements AutoCloseable {
    /** System property naming the folder the plugin zips are unpacked into (set by the build). */
    public static final String PLUGINS_DIR_PROPERTY = "eventbridge.plugins.dir";

    private final EmbeddedConnectCluster connect;
    private final LocalEventBridge eventBridge;
    private final LocalSqs sqs;

    private LocalStack(EmbeddedConnectCluster connect, LocalEventBridge eventBridge, LocalSqs sqs) {
        this.connect = connect;
        this.eventBridge = eventBridge;
        this.sqs = sqs;
    }

    public static LocalStack start(int workers) throws IOException {
        return start(workers, Map.of());
    }

    public static LocalStack start(int workers, Map<String, String> extraWorkerProps) throws IOException {
        return start(workers, extraWorkerProps, Map.of());
    }

    /** @param extraBrokerProps e.g. the production default group.initial.rebalance.delay.ms=3000 for benchmarks */
    public static LocalStack start(
            int workers, Map<String, String> extraWorkerProps, Map<String, String> extraBrokerProps)
            throws IOException {
        LocalEventBridge eventBridge = LocalEventBridge.start();
        LocalSqs sqs = LocalSqs.start(eventBridge.iam());
        GlueAvro.preparePlugin(pluginsDir());
        GlueAvro.localCredentials();
        Map<String, String> worker = new HashMap<>();
        worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, pluginsDir().toString());
        worker.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
        worker.putAll(extraWorkerProps);
        Properties broker = new Properties();
        broker.put("auto.create.topics.enable", "true");
        broker.putAll(extraBrokerProps);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("eventbridge-local")
                .numWorkers(workers)
                .numBrokers(1)
                .workerProps(worker)
                .brokerProps(broker)
                .build();
        try {
            connect.start();
        } catch (RuntimeException e) {
            eventBridge.close();
            sqs.close();
            throw e;
        }
        eventBridge.deliverTo(sqs);
        return new LocalStack(connect, eventBridge, sqs);
    }

    /** Where the packaged plugins are: the build's unpack folder, or integration-tests/target/plugins. */
    public static Path pluginsDir() {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY);
        Path dir = configured != null ? Paths.get(configured) : Paths.get("integration-tests", "target", "plugins");
        if (!Files.isDirectory(dir)) {
            Path local = Paths.get("target", "plugins");
            if (Files.isDirectory(local)) {
                return local.toAbsolutePath();
            }
            throw new IllegalStateException("No packaged plugins in " + dir.toAbsolutePath() + File.separator
                    + ": run 'mvn package' first (it unpacks the plugin zips there)");
        }
        return dir.toAbsolutePath();
    }

    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public LocalEventBridge eventBridge() {
        return eventBridge;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    /**
     * The properties of a distributed worker ({@code connect-distributed.properties}) on {@code bootstrapServers}
     * with the packaged plugins: group {@code name}, its internal topics named after it with one replica, string
     * keys and JSON values, offsets flushed every second.
     */
    public static Map<String, String> distributedWorkerProps(String bootstrapServers, String name) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", name);
        props.put("plugin.path", pluginsDir().toString());
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        for (String store : new String[] {"offset", "config", "status"}) {
            props.put(store + ".storage.topic", name + "-" + store + "s");
            props.put(store + ".storage.replication.factor", "1");
        }
        props.put("offset.flush.interval.ms", "1000");
        return props;
    }

    /**
     * The client keys ({@code prefix} e.g. {@code aws.sqs.}) that reach a local endpoint with the stack's test
     * credentials.
     */
    public static Map<String, String> localClientKeys(String prefix, String endpoint) {
        Map<String, String> client = new HashMap<>();
        client.put(prefix + "region", LocalEventBridge.REGION);
        client.put(prefix + "endpoint.uri", endpoint);
        client.put(prefix + "access.key.id", LocalEventBridge.ACCESS_KEY);
        client.put(prefix + "secret.access.key", LocalEventBridge.SECRET_KEY);
        return client;
    }

    /** Source connector properties that receive from the local SQS with its test credentials. */
    public Map<String, String> sourceConfig(String topic, String... queueUrls) {
        return sourceConfig(localClientKeys("aws.sqs.", sqs.endpoint()), topic, queueUrls);
    }

    /**
     * Source connector properties for tests: one task, 1 s long polls, a dead-letter topic {@code topic-dlq},
     * schemaless JSON values, and the given {@code aws.sqs.*} client keys.
     */
    public static Map<String, String> sourceConfig(Map<String, String> sqsClient, String topic, String... queueUrls) {
        Map<String, String> config = new HashMap<>(sqsClient);
        config.put("connector.class", "io.eventbridge.kafka.source.EventBridgeSourceConnector");
        config.put("tasks.max", "1");
        config.put("aws.sqs.queue.urls", String.join(",", queueUrls));
        config.put("topic", topic);
        config.put("dead.letter.topic", topic + "-dlq");
        config.put("sqs.wait.time.seconds", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    /** Sink connector properties that reach the local EventBridge with its test credentials. */
    public Map<String, String> sinkConfig(String topics, String busName) {
        return sinkConfig(
                localClientKeys("aws.eventbridge.", eventBridge.endpoint()), topics, eventBridge.createBus(busName));
    }

    /**
     * Sink connector properties for tests: one task, schemaless JSON values read from the earliest offset,
     * and the given {@code aws.eventbridge.*} client keys.
     */
    public static Map<String, String> sinkConfig(Map<String, String> eventBridgeClient, String topics, String busArn) {
        Map<String, String> config = new HashMap<>(eventBridgeClient);
        config.put("connector.class", "io.eventbridge.kafka.sink.EventBridgeSinkConnector");
        config.put("topics", topics);
        config.put("tasks.max", "1");
        config.put("aws.eventbridge.connector.id", "local-test");
        config.put("aws.eventbridge.eventbus.arn", busArn);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    /** Adds errors.tolerance=all with a dead-letter topic (one replica, as the embedded broker has one). */
    public static Map<String, String> withDeadLetterTopic(Map<String, String> config, String topic) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    @Override
    public void close() {
        try {
            connect.stop();
        } finally {
            eventBridge.close();
            sqs.close();
        }
    }
}
