package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.config.EnumValues;
import io.eventbridge.kafka.common.retry.RetryConfig;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The sink's whole configuration: the fragments together, with typed getters. */
public final class EventBridgeSinkConfig extends AbstractConfig {
    /** Prefix of the AWS client keys, the AWS sink's own: aws.eventbridge.region and so on. */
    public static final String AWS_PREFIX = "aws.eventbridge.";

    public static final String AWS_GROUP = "AWS connection";
    /** Task-only key: the task's index, for metric names. */
    public static final String TASK_ID_CONFIG = "task.id";
    /** How many tasks the connector runs; the connector sets it in each task's configuration. */
    public static final String TASK_COUNT_CONFIG = "task.count";

    public static final ConfigDef CONFIG_DEF = configDef();

    /** The keys AWS's sink (v1.5) also has; accepted here with the meaning the config reference gives. */
    public static final java.util.Set<String> AWS_SINK_KEYS = java.util.Set.of(
            EventConfig.CONNECTOR_ID_CONFIG,
            EventConfig.EVENTBUS_ARN_CONFIG,
            AWS_PREFIX + AwsClientConfig.REGION,
            AWS_PREFIX + AwsClientConfig.ENDPOINT_URI,
            EventConfig.GLOBAL_ENDPOINT_ID_CONFIG,
            EventConfig.DETAIL_TYPES_CONFIG,
            EventConfig.DETAIL_TYPES_MAPPER_CONFIG,
            EventConfig.DETAIL_TYPES_FIELDREF_CONFIG,
            EventConfig.RESOURCES_CONFIG,
            AWS_PREFIX + AwsClientConfig.ROLE_ARN,
            AWS_PREFIX + AwsClientConfig.EXTERNAL_ID,
            AWS_PREFIX + AwsClientConfig.PROFILE,
            AWS_PREFIX + AwsClientConfig.PROVIDER_CLASS,
            CompatConfig.RETRIES_MAX_CONFIG,
            CompatConfig.RETRIES_DELAY_CONFIG,
            CompatConfig.TIME_MAPPER_CONFIG,
            OffloadConfig.BUCKET_CONFIG,
            OffloadConfig.FIELDREF_CONFIG,
            OffloadConfig.S3_ENDPOINT_CONFIG);

    public EventBridgeSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, withCompatDefaults(props));
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        EventConfig.addTo(def);
        AwsClientConfig.addTo(def, AWS_PREFIX, AWS_GROUP, true);
        DeliveryConfig.addTo(def);
        RetryConfig.addTo(def);
        OffloadConfig.addTo(def);
        FilterConfig.addTo(def);
        SchemaRegistryConfig.addTo(def);
        CompatConfig.addTo(def);
        return def;
    }

    /** aws.eventbridge.retries.delay stands in for retry.backoff.initial.ms when only it is set. */
    static Map<String, String> withCompatDefaults(Map<String, String> props) {
        String delay = props.get(CompatConfig.RETRIES_DELAY_CONFIG);
        if (delay == null || props.containsKey(RetryConfig.RETRY_BACKOFF_INITIAL_MS_CONFIG)) {
            return props;
        }
        Map<String, String> copy = new HashMap<>(props);
        copy.put(RetryConfig.RETRY_BACKOFF_INITIAL_MS_CONFIG, delay.trim());
        return copy;
    }

    public String connectorName() {
        String name = originalsStrings().get("name");
        return name == null ? "eventbridge-sink" : name;
    }

    public String connectorId() {
        String id = getString(EventConfig.CONNECTOR_ID_CONFIG);
        return id == null || id.isBlank() ? connectorName() : id.trim();
    }

    public String taskId() {
        String id = originalsStrings().get(TASK_ID_CONFIG);
        return id == null ? "0" : id;
    }

    public String eventBusArn() {
        return getString(EventConfig.EVENTBUS_ARN_CONFIG).trim();
    }

    public String globalEndpointId() {
        return blankToNull(getString(EventConfig.GLOBAL_ENDPOINT_ID_CONFIG));
    }

    public AwsClientSettings awsSettings() {
        return AwsClientConfig.settings(this, AWS_PREFIX, connectorId());
    }

    public RetryPolicy retryPolicy() {
        return RetryConfig.policy(this);
    }

    public Duration retryDeadline() {
        return Duration.ofMillis(getLong(RetryConfig.RETRY_DEADLINE_MS_CONFIG));
    }

    public CloudEventsMode cloudEventsMode() {
        return EnumValues.of(CloudEventsMode.class).parse(getString(EventConfig.CLOUDEVENTS_MODE_CONFIG));
    }

    public DetailMode detailMode() {
        return EnumValues.of(DetailMode.class).parse(getString(EventConfig.DETAIL_MODE_CONFIG));
    }

    public TimeSource timeSource() {
        return EnumValues.of(TimeSource.class).parse(getString(EventConfig.TIME_CONFIG));
    }

    public TombstoneBehavior tombstoneBehavior() {
        return EnumValues.of(TombstoneBehavior.class).parse(getString(EventConfig.TOMBSTONE_CONFIG));
    }

    public String timeField() {
        return blankToNull(getString(EventConfig.TIME_FIELD_CONFIG));
    }

    public String traceHeader() {
        return blankToNull(getString(EventConfig.TRACE_HEADER_CONFIG));
    }

    public String sourceExpression() {
        return getString(EventConfig.SOURCE_CONFIG);
    }

    public String detailTypeExpression() {
        return blankToNull(getString(EventConfig.DETAIL_TYPE_CONFIG));
    }

    public String detailTypes() {
        return getString(EventConfig.DETAIL_TYPES_CONFIG);
    }

    public String detailTypesMapperClass() {
        return blankToNull(getString(EventConfig.DETAIL_TYPES_MAPPER_CONFIG));
    }

    public String detailTypesFieldRef() {
        return blankToNull(getString(EventConfig.DETAIL_TYPES_FIELDREF_CONFIG));
    }

    public List<String> fixedResources() {
        return getList(EventConfig.RESOURCES_CONFIG).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public List<String> resourceExpressions() {
        return getList(EventConfig.EVENT_RESOURCES_CONFIG).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public int batchMaxBytes() {
        return getInt(DeliveryConfig.BATCH_MAX_BYTES_CONFIG);
    }

    public int batchMaxEntries() {
        return getInt(DeliveryConfig.BATCH_MAX_ENTRIES_CONFIG);
    }

    public int maxInFlight() {
        return getInt(DeliveryConfig.MAX_IN_FLIGHT_CONFIG);
    }

    public int bufferMaxRecords() {
        return getInt(DeliveryConfig.BUFFER_MAX_RECORDS_CONFIG);
    }

    public long bufferMaxBytes() {
        return getLong(DeliveryConfig.BUFFER_MAX_BYTES_CONFIG);
    }

    public long putMaxBlockMs() {
        return getLong(DeliveryConfig.PUT_MAX_BLOCK_MS_CONFIG);
    }

    public FilterMode filterMode() {
        return EnumValues.of(FilterMode.class).parse(getString(FilterConfig.MODE_CONFIG));
    }

    public String schemasEndpoint() {
        return SchemaRegistryConfig.endpoint(this);
    }

    public String auditTopic() {
        return blankToNull(getString(FilterConfig.AUDIT_TOPIC_CONFIG));
    }

    /** The audit producer's settings: the bootstrap servers and every event.filter.audit.producer.* key. */
    public Map<String, Object> auditProducerProps() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(FilterConfig.AUDIT_PRODUCER_PREFIX));
        String servers = blankToNull(getString(FilterConfig.AUDIT_BOOTSTRAP_CONFIG));
        if (servers != null) {
            props.put("bootstrap.servers", servers);
        }
        return props;
    }

    public boolean adaptiveWindow() {
        return EnumValues.of(WindowMode.class).parse(getString(DeliveryConfig.WINDOW_CONFIG)) == WindowMode.ADAPTIVE;
    }

    /** The task's share of the stated account quota, in requests per second; 0 without a cap. */
    public double requestRateLimit() {
        int quota = getInt(DeliveryConfig.QUOTA_CONFIG);
        String count = originalsStrings().get(TASK_COUNT_CONFIG);
        int tasks = count == null ? 1 : Math.max(1, Integer.parseInt(count));
        return quota * getInt(DeliveryConfig.QUOTA_SHARE_CONFIG) / 100.0 / tasks;
    }

    public int rateLimit() {
        return getInt(DeliveryConfig.RATE_LIMIT_CONFIG);
    }

    public String offloadBucket() {
        return blankToNull(getString(OffloadConfig.BUCKET_CONFIG));
    }

    public String offloadFieldRef() {
        return getString(OffloadConfig.FIELDREF_CONFIG);
    }

    public String offloadS3Endpoint() {
        return blankToNull(getString(OffloadConfig.S3_ENDPOINT_CONFIG));
    }

    public int offloadThresholdBytes() {
        return getInt(OffloadConfig.THRESHOLD_CONFIG);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
