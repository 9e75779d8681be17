package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import io.eventbridge.kafka.source.route.TopicRouter;
import io.eventbridge.kafka.source.subscription.Subscription;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** Cross-field checks of the source's settings, attached to the field they are about. */
public final class SourceConfigValidator {
    private SourceConfigValidator() {}

    public static Config validate(Config config, Map<String, String> props) {
        Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        AwsClientConfig.validate(SqsConfig.PREFIX, values);
        ConfigValue queues = values.get(SqsConfig.QUEUE_URLS_CONFIG);
        if (queues != null && queues.value() instanceof java.util.List<?> urls) {
            for (Object url : urls) {
                if (!url.toString().matches("https?://.+/.+")) {
                    queues.addErrorMessage("'" + url + "' is not an SQS queue URL (https://sqs.<region>.amazonaws.com/"
                            + "<account>/<queue>)");
                }
            }
        }
        if (!values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            return config; // the rest needs a config that parses
        }
        EventBridgeSourceConfig parsed = new EventBridgeSourceConfig(props);
        try {
            new TopicRouter(parsed.getString(RecordConfig.TOPIC_CONFIG), parsed.routes());
        } catch (IllegalArgumentException e) {
            values.get(RecordConfig.ROUTES_CONFIG).addErrorMessage(e.getMessage());
        }
        if (parsed.keyMode() == KeyMode.DETAIL_PATH) {
            String path = parsed.getString(RecordConfig.KEY_PATH_CONFIG);
            if (path == null || path.isBlank()) {
                values.get(RecordConfig.KEY_PATH_CONFIG)
                        .addErrorMessage("key.mode=detail-path needs key.detail.path, " + "e.g. $.orderId");
            } else {
                try {
                    JsonPath.parse(path);
                } catch (IllegalArgumentException e) {
                    values.get(RecordConfig.KEY_PATH_CONFIG).addErrorMessage(e.getMessage());
                }
            }
        }
        if (SchemaRegistryConfig.publish(parsed) && parsed.schemaMode() != SchemaMode.INFER) {
            values.get(SchemaRegistryConfig.PUBLISH_CONFIG)
                    .addErrorMessage("schema.registry.publish publishes the "
                            + "schemas the source infers: it needs schema.mode=infer");
        }
        if (parsed.malformedBehavior() == MalformedBehavior.DEAD_LETTER) {
            String dlq = parsed.getString(RecordConfig.DLQ_TOPIC_CONFIG);
            if (dlq == null || dlq.isBlank()) {
                values.get(RecordConfig.DLQ_TOPIC_CONFIG)
                        .addErrorMessage("malformed.behavior=dead-letter needs a "
                                + "dead.letter.topic; or set malformed.behavior=leave to leave such messages to the queue's redrive "
                                + "policy");
            }
        }
        validateReplay(parsed, values);
        validateSubscription(parsed, values, props.get("name"));
        return config;
    }

    private static final String BUS_ARN = "arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}";
    private static final String QUEUE_ARN = "arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}";

    private static void validateSubscription(
            EventBridgeSourceConfig parsed, Map<String, ConfigValue> values, String connector) {
        ConfigValue queues = values.get(SqsConfig.QUEUE_URLS_CONFIG);
        if (parsed.subscriptionMode() != SubscriptionMode.MANAGED) {
            if (parsed.queueUrls().isEmpty()) {
                queues.addErrorMessage("aws.sqs.queue.urls is required unless subscription.mode=managed, where the "
                        + "connector creates its own queue");
            }
            return;
        }
        if (!parsed.queueUrls().isEmpty()) {
            queues.addErrorMessage("subscription.mode=managed creates and reads its own queue: remove "
                    + "aws.sqs.queue.urls, or read these queues with subscription.mode=existing");
        }
        ConfigValue mode = values.get(SubscriptionConfig.MODE_CONFIG);
        if (connector == null || connector.isBlank()) {
            mode.addErrorMessage(
                    "subscription.mode=managed names what it creates after the connector: the config needs "
                            + "its 'name'");
            return;
        }
        String pattern = parsed.getString(SubscriptionConfig.PATTERN_CONFIG);
        String problem = pattern == null || pattern.isBlank() ? null : EventPatterns.problem(pattern);
        if (problem != null) {
            values.get(SubscriptionConfig.PATTERN_CONFIG)
                    .addErrorMessage("Not a valid EventBridge event pattern: " + problem);
        }
        if (Subscription.from(parsed, connector).patterns().isEmpty()) {
            values.get(SubscriptionConfig.PATTERN_CONFIG)
                    .addErrorMessage("subscription.mode=managed needs an event "
                            + "pattern: subscription.event.pattern, or routes with route.NAME.pattern, e.g. "
                            + "{\"source\":[\"com.example.orders\"]}");
        }
        String bus = parsed.getString(SubscriptionConfig.BUS_CONFIG).trim();
        if (bus.startsWith("arn:") ? !bus.matches(BUS_ARN) : !bus.matches("[/.\\-_A-Za-z0-9]{1,256}")) {
            values.get(SubscriptionConfig.BUS_CONFIG)
                    .addErrorMessage("'" + bus + "' is neither an event bus name nor "
                            + "an event bus ARN (arn:aws:events:<region>:<account>:event-bus/<name>)");
        }
        boolean fifo = parsed.getString(SubscriptionConfig.QUEUE_TYPE_CONFIG).equalsIgnoreCase("fifo");
        String queue = parsed.getString(SubscriptionConfig.QUEUE_NAME_CONFIG).trim();
        if (!queue.isEmpty()) {
            String base = queue.endsWith(".fifo") ? queue.substring(0, queue.length() - 5) : queue;
            if (!base.matches("[A-Za-z0-9_-]{1,71}")) {
                values.get(SubscriptionConfig.QUEUE_NAME_CONFIG)
                        .addErrorMessage("A queue name has at most 71 letters, "
                                + "digits, '-' or '_' (room is left for the -dlq and .fifo of its dead-letter queues)");
            } else if (fifo != queue.endsWith(".fifo")) {
                values.get(SubscriptionConfig.QUEUE_NAME_CONFIG)
                        .addErrorMessage(
                                fifo
                                        ? "A FIFO queue's name ends in " + ".fifo"
                                        : "Only FIFO queues' names end in .fifo: set subscription.queue.type=fifo");
            }
        }
        String dlq = parsed.getString(SubscriptionConfig.TARGET_DLQ_CONFIG).trim();
        if (!dlq.isEmpty() && !dlq.matches(QUEUE_ARN)) {
            values.get(SubscriptionConfig.TARGET_DLQ_CONFIG)
                    .addErrorMessage("'" + dlq + "' is not the ARN of a "
                            + "standard SQS queue (EventBridge's target dead-letter queues cannot be FIFO)");
        }
    }

    private static void validateReplay(EventBridgeSourceConfig parsed, Map<String, ConfigValue> values) {
        String archive = parsed.getString(ReplayConfig.ARCHIVE_CONFIG);
        if (archive == null || archive.isBlank()) {
            return;
        }
        if (!archive.matches("arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:archive/.+")) {
            values.get(ReplayConfig.ARCHIVE_CONFIG)
                    .addErrorMessage("Not an EventBridge archive ARN: expected "
                            + "arn:aws:events:<region>:<account>:archive/<name>");
        }
        java.time.Instant start = instant(parsed, values, ReplayConfig.START_CONFIG);
        java.time.Instant end = instant(parsed, values, ReplayConfig.END_CONFIG);
        if (start != null && end != null && !start.isBefore(end)) {
            values.get(ReplayConfig.END_CONFIG).addErrorMessage("replay.end must be after replay.start");
        }
    }

    private static java.time.Instant instant(
            EventBridgeSourceConfig parsed, Map<String, ConfigValue> values, String key) {
        String text = parsed.getString(key);
        if (text == null || text.isBlank()) {
            values.get(key)
                    .addErrorMessage(
                            key + " is required with replay.archive.arn (ISO-8601, e.g. " + "2026-11-01T00:00:00Z)");
            return null;
        }
        try {
            return java.time.Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            values.get(key).addErrorMessage("'" + text + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return null;
        }
    }
}
