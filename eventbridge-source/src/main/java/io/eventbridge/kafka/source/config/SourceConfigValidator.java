package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.source.route.TopicRouter;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** Cross-field checks of the source's settings, attached to the field they are about. */
public final class SourceConfigValidator {
    private SourceConfigValidator() {
    }

    public static Config validate(Config config, Map<String, String> props) {
        Map<String, ConfigValue> values = config.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
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
                values.get(RecordConfig.KEY_PATH_CONFIG).addErrorMessage("key.mode=detail-path needs key.detail.path, "
                    + "e.g. $.orderId");
            } else {
                try {
                    JsonPath.parse(path);
                } catch (IllegalArgumentException e) {
                    values.get(RecordConfig.KEY_PATH_CONFIG).addErrorMessage(e.getMessage());
                }
            }
        }
        if (parsed.malformedBehavior() == MalformedBehavior.DEAD_LETTER) {
            String dlq = parsed.getString(RecordConfig.DLQ_TOPIC_CONFIG);
            if (dlq == null || dlq.isBlank()) {
                values.get(RecordConfig.DLQ_TOPIC_CONFIG).addErrorMessage("malformed.behavior=dead-letter needs a "
                    + "dead.letter.topic; or set malformed.behavior=leave to leave such messages to the queue's redrive "
                    + "policy");
            }
        }
        validateReplay(parsed, values);
        return config;
    }

    private static void validateReplay(EventBridgeSourceConfig parsed, Map<String, ConfigValue> values) {
        String archive = parsed.getString(ReplayConfig.ARCHIVE_CONFIG);
        if (archive == null || archive.isBlank()) {
            return;
        }
        if (!archive.matches("arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:archive/.+")) {
            values.get(ReplayConfig.ARCHIVE_CONFIG).addErrorMessage("Not an EventBridge archive ARN: expected "
                + "arn:aws:events:<region>:<account>:archive/<name>");
        }
        java.time.Instant start = instant(parsed, values, ReplayConfig.START_CONFIG);
        java.time.Instant end = instant(parsed, values, ReplayConfig.END_CONFIG);
        if (start != null && end != null && !start.isBefore(end)) {
            values.get(ReplayConfig.END_CONFIG).addErrorMessage("replay.end must be after replay.start");
        }
    }

    private static java.time.Instant instant(EventBridgeSourceConfig parsed, Map<String, ConfigValue> values,
                                             String key) {
        String text = parsed.getString(key);
        if (text == null || text.isBlank()) {
            values.get(key).addErrorMessage(key + " is required with replay.archive.arn (ISO-8601, e.g. "
                + "2026-11-01T00:00:00Z)");
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
