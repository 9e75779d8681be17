package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import io.eventbridge.kafka.sink.mapping.Expression;
import io.eventbridge.kafka.sink.offload.S3Offloader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Cross-field checks of the sink config, each attached to the key a user must change, so the REST
 * {@code /validate} answer points at it.
 */
public final class SinkConfigValidator {
    static final Pattern BUS_ARN =
            Pattern.compile("arn:(aws[a-z-]*):events:([a-z0-9-]+):(\\d+):event-bus/([A-Za-z0-9._\\-/]{1,256})");

    private SinkConfigValidator() {}

    /** Adds error messages to {@code config}'s values; the framework has already checked single keys. */
    public static Config validate(Config config, Map<String, String> props) {
        Map<String, ConfigValue> values = new java.util.HashMap<>();
        config.configValues().forEach(v -> values.put(v.name(), v));
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config; // single-key errors first; cross-field checks need parsed values
        }
        AwsClientConfig.validate(EventBridgeSinkConfig.AWS_PREFIX, values);
        checkBusArn(values);
        EventBridgeSinkConfig parsed;
        try {
            parsed = new EventBridgeSinkConfig(props);
        } catch (RuntimeException e) {
            return config;
        }
        checkMapping(parsed, values);
        checkOffload(parsed, values);
        checkCompat(parsed, values);
        checkFilterAndQuota(parsed, values);
        return config;
    }

    private static void checkFilterAndQuota(EventBridgeSinkConfig parsed, Map<String, ConfigValue> values) {
        if (parsed.auditTopic() != null) {
            boolean anyFilter = parsed.filterMode() == FilterMode.BUS_RULES
                    || parsed.getString(FilterConfig.PATTERN_CONFIG) != null
                            && !parsed.getString(FilterConfig.PATTERN_CONFIG).isBlank();
            if (!anyFilter) {
                values.get(FilterConfig.AUDIT_TOPIC_CONFIG)
                        .addErrorMessage("An audit topic gets the events a filter "
                                + "does not send: set event.filter.pattern or event.filter=bus-rules too");
            }
            if (!parsed.auditProducerProps().containsKey("bootstrap.servers")) {
                values.get(FilterConfig.AUDIT_BOOTSTRAP_CONFIG)
                        .addErrorMessage("Set the brokers of the audit topic's "
                                + "cluster: a sink task has no producer of its own");
            }
        }
        if (parsed.getInt(DeliveryConfig.QUOTA_SHARE_CONFIG) < 100 && parsed.getInt(DeliveryConfig.QUOTA_CONFIG) == 0) {
            values.get(DeliveryConfig.QUOTA_CONFIG)
                    .addErrorMessage("quota.connector.share.percent is a share of "
                            + "this quota: set the account's PutEvents quota in requests per second");
        }
    }

    private static void checkBusArn(Map<String, ConfigValue> values) {
        ConfigValue arn = values.get(EventConfig.EVENTBUS_ARN_CONFIG);
        Object value = arn.value();
        if (value == null) {
            return;
        }
        Matcher m = BUS_ARN.matcher(value.toString().trim());
        if (!m.matches()) {
            arn.addErrorMessage("Not an event bus ARN: expected arn:aws:events:<region>:<account>:"
                    + "event-bus/<name>, e.g. arn:aws:events:us-east-1:123456789012:event-bus/orders");
            return;
        }
        ConfigValue region = values.get(EventBridgeSinkConfig.AWS_PREFIX + AwsClientConfig.REGION);
        ConfigValue global = values.get(EventConfig.GLOBAL_ENDPOINT_ID_CONFIG);
        boolean viaGlobal = global.value() != null && !global.value().toString().isBlank();
        if (region.value() != null
                && !viaGlobal
                && !m.group(2).equals(region.value().toString())) {
            arn.addErrorMessage("The bus ARN is in region " + m.group(2) + " but aws.eventbridge.region is "
                    + region.value() + "; PutEvents must go to the bus's own region (or set a global endpoint ID)");
        }
    }

    private static void checkMapping(EventBridgeSinkConfig config, Map<String, ConfigValue> values) {
        Map<String, String> constants = Map.of("connector.id", config.connectorId());
        check(values, EventConfig.SOURCE_CONFIG, () -> Expression.parse(config.sourceExpression(), constants));
        for (String resource : config.resourceExpressions()) {
            check(values, EventConfig.EVENT_RESOURCES_CONFIG, () -> Expression.parse(resource, constants));
        }
        String detailTypeKey = config.detailTypeExpression() != null
                ? EventConfig.DETAIL_TYPE_CONFIG
                : config.detailTypesMapperClass() != null
                        ? EventConfig.DETAIL_TYPES_FIELDREF_CONFIG
                        : EventConfig.DETAIL_TYPES_CONFIG;
        String mapper = config.detailTypesMapperClass();
        if (config.detailTypeExpression() == null && mapper != null) {
            if (!EventConfig.AWS_JSON_PATH_MAPPER.equals(mapper)) {
                values.get(EventConfig.DETAIL_TYPES_MAPPER_CONFIG)
                        .addErrorMessage(
                                "Custom detail-type mapper "
                                        + "classes of the AWS sink cannot be loaded here (their interface is the AWS sink's). Use "
                                        + "event.detail.type with a template (${topic}, ${header:NAME}, ${json:$.path}) or a JSON path.");
                return;
            }
            if (config.detailTypesFieldRef() == null) {
                values.get(EventConfig.DETAIL_TYPES_FIELDREF_CONFIG)
                        .addErrorMessage("JsonPathDetailTypeMapper needs a JSON path here, e.g. $.metadata.event-type");
                return;
            }
        }
        check(values, detailTypeKey, () -> EventMapper.detailTypeMapper(config, constants));
        if (config.timeSource() == TimeSource.FIELD) {
            if (config.timeField() == null) {
                values.get(EventConfig.TIME_FIELD_CONFIG)
                        .addErrorMessage("event.time=field needs event.time.field, a JSON path such as $.createdAt");
            } else {
                check(values, EventConfig.TIME_FIELD_CONFIG, () -> JsonPath.parse(config.timeField()));
            }
        } else if (config.timeField() != null) {
            values.get(EventConfig.TIME_FIELD_CONFIG)
                    .addErrorMessage("event.time.field is only used with event.time=field; event.time is "
                            + config.timeSource());
        }
    }

    private static void checkOffload(EventBridgeSinkConfig config, Map<String, ConfigValue> values) {
        if (config.offloadBucket() == null) {
            return;
        }
        check(values, OffloadConfig.FIELDREF_CONFIG, () -> S3Offloader.detailPath(config.offloadFieldRef()));
        if (config.offloadThresholdBytes() > config.batchMaxBytes()) {
            values.get(OffloadConfig.THRESHOLD_CONFIG)
                    .addErrorMessage("offload.threshold.bytes ("
                            + config.offloadThresholdBytes() + ") is over batch.max.bytes (" + config.batchMaxBytes()
                            + "): entries between the two could never be sent");
        }
    }

    private static void checkCompat(EventBridgeSinkConfig config, Map<String, ConfigValue> values) {
        String timeMapper = config.getString(CompatConfig.TIME_MAPPER_CONFIG);
        if (timeMapper != null && !timeMapper.isBlank()) {
            values.get(CompatConfig.TIME_MAPPER_CONFIG)
                    .addErrorMessage("Custom TimeMapper classes of the AWS "
                            + "sink cannot be loaded here. Use event.time=kafka-timestamp, or event.time=field with "
                            + "event.time.field.");
        }
        ConfigValue external = values.get(EventBridgeSinkConfig.AWS_PREFIX + AwsClientConfig.EXTERNAL_ID);
        ConfigValue role = values.get(EventBridgeSinkConfig.AWS_PREFIX + AwsClientConfig.ROLE_ARN);
        if (external.value() != null
                && !external.value().toString().isBlank()
                && (role.value() == null || role.value().toString().isBlank())) {
            external.addErrorMessage("An external ID is only sent when assuming a role: set "
                    + EventBridgeSinkConfig.AWS_PREFIX + AwsClientConfig.ROLE_ARN + " too");
        }
    }

    private static void check(Map<String, ConfigValue> values, String key, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            values.get(key).addErrorMessage(e.getMessage());
        }
    }
}
