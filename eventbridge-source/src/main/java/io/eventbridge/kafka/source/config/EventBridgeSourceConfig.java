package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.retry.RetryConfig;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The source connector's settings: SQS, records, routing, retries. */
public class EventBridgeSourceConfig extends AbstractConfig {
    public static final ConfigDef CONFIG_DEF = configDef();

    /** One routing rule: an event pattern and the topic template of the events it matches. */
    public record Route(String name, String pattern, String topic) {}

    public EventBridgeSourceConfig(Map<String, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected EventBridgeSourceConfig(ConfigDef def, Map<String, ?> originals) {
        super(def, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        SqsConfig.addTo(def);
        SubscriptionConfig.addTo(def);
        RecordConfig.addTo(def);
        ReplayConfig.addTo(def);
        RetryConfig.addTo(def);
        SchemaRegistryConfig.addTo(def);
        return def;
    }

    public List<String> queueUrls() {
        return getList(SqsConfig.QUEUE_URLS_CONFIG);
    }

    public SubscriptionMode subscriptionMode() {
        return SubscriptionConfig.MODES.parse(getString(SubscriptionConfig.MODE_CONFIG));
    }

    /** The EventBridge endpoint override: aws.eventbridge.endpoint.uri, else the older replay.eventbridge.endpoint.uri. */
    public String eventBridgeEndpoint() {
        String endpoint = getString(SubscriptionConfig.ENDPOINT_CONFIG);
        return endpoint != null && !endpoint.isBlank() ? endpoint : getString(ReplayConfig.ENDPOINT_CONFIG);
    }

    public AwsClientSettings sqsClient() {
        return AwsClientConfig.settings(this, SqsConfig.PREFIX, "kafka-connect-eventbridge-source");
    }

    public RetryPolicy retryPolicy() {
        return RetryConfig.policy(this);
    }

    public KeyMode keyMode() {
        return RecordConfig.KEY_MODES.parse(getString(RecordConfig.KEY_MODE_CONFIG));
    }

    public ValueMode valueMode() {
        return RecordConfig.VALUE_MODES.parse(getString(RecordConfig.VALUE_MODE_CONFIG));
    }

    public SchemaMode schemaMode() {
        return RecordConfig.SCHEMA_MODES.parse(getString(RecordConfig.SCHEMA_MODE_CONFIG));
    }

    public NonEnvelopeBehavior nonEnvelopeBehavior() {
        return RecordConfig.NON_ENVELOPE.parse(getString(RecordConfig.NON_ENVELOPE_CONFIG));
    }

    public MalformedBehavior malformedBehavior() {
        return RecordConfig.MALFORMED.parse(getString(RecordConfig.MALFORMED_CONFIG));
    }

    /** The routing rules in the order they are tried; a rule missing its pattern or topic has them null. */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        Map<String, Object> originals = originals();
        for (String name : getList(RecordConfig.ROUTES_CONFIG)) {
            Object pattern = originals.get("route." + name + ".pattern");
            Object topic = originals.get("route." + name + ".topic");
            out.add(new Route(
                    name, pattern == null ? null : pattern.toString(), topic == null ? null : topic.toString()));
        }
        return out;
    }

    /** The SQS message attributes copied into headers. */
    public List<String> messageAttributes() {
        return getList(SqsConfig.MESSAGE_ATTRIBUTES_CONFIG);
    }

    /** The replay to start, or null when none is configured. */
    public io.eventbridge.kafka.source.replay.ReplaySpec replay() {
        String archive = getString(ReplayConfig.ARCHIVE_CONFIG);
        if (archive == null || archive.isBlank()) {
            return null;
        }
        return new io.eventbridge.kafka.source.replay.ReplaySpec(
                archive,
                java.time.Instant.parse(getString(ReplayConfig.START_CONFIG)),
                java.time.Instant.parse(getString(ReplayConfig.END_CONFIG)),
                getList(ReplayConfig.RULES_CONFIG));
    }

    /** Settings per key, for logging at start without secrets. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscription", subscriptionMode());
        if (subscriptionMode() == SubscriptionMode.MANAGED) {
            out.put("bus", getString(SubscriptionConfig.BUS_CONFIG));
        } else {
            out.put("queues", queueUrls());
        }
        out.put("loopsPerQueue", getInt(SqsConfig.LOOPS_CONFIG));
        out.put("topic", getString(RecordConfig.TOPIC_CONFIG));
        out.put("routes", getList(RecordConfig.ROUTES_CONFIG));
        out.put("key", keyMode());
        out.put("value", valueMode());
        return out;
    }
}
