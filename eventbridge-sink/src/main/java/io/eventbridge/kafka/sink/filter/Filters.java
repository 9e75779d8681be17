package io.eventbridge.kafka.sink.filter;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.config.FilterConfig;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Builds the filter a sink task's configuration asks for. */
public final class Filters {
    private Filters() {}

    /**
     * The configured filter, or null when every event is to be sent.
     *
     * @param aws for event.filter=bus-rules: the clients that read the bus; may be null otherwise
     */
    public static EventFilter create(EventBridgeSinkConfig config, AwsClientFactory aws, SinkMetrics metrics) {
        String text = config.getString(FilterConfig.PATTERN_CONFIG);
        EventPatterns<String> pattern = text == null || text.isBlank() ? null : EventPatterns.of(text);
        BusRulesFilter busRules = config.filterMode() == io.eventbridge.kafka.sink.config.FilterMode.BUS_RULES
                ? busRules(config, aws, metrics)
                : null;
        if (pattern == null && busRules == null) {
            return null;
        }
        return new EventFilter(
                pattern, busRules, account(config), config.awsSettings().region());
    }

    private static BusRulesFilter busRules(EventBridgeSinkConfig config, AwsClientFactory aws, SinkMetrics metrics) {
        EventBridgeClient events = aws.configure(EventBridgeClient.builder(), null)
                .httpClient(aws.syncHttpClient(2, 0))
                .build();
        SchemasClient schemas = new SignedSchemasClient(aws, config.schemasEndpoint());
        BusRuleReader reader =
                new BusRuleReader(events, schemas, config.eventBusArn(), config.getInt(FilterConfig.MAX_RULES_CONFIG));
        return new BusRulesFilter(
                reader::read,
                () -> {
                    events.close();
                    schemas.close();
                },
                config.eventBusArn(),
                config.getLong(FilterConfig.REFRESH_MS_CONFIG),
                "0".equals(config.taskId()),
                metrics,
                "eventbridge-sink-" + config.connectorName() + "-" + config.taskId() + "-bus-rules");
    }

    /** The account a pattern's {@code account} field is matched against. */
    static String account(EventBridgeSinkConfig config) {
        String account = config.getString(FilterConfig.ACCOUNT_CONFIG);
        if (account == null || account.isBlank()) {
            String[] arn = config.eventBusArn().split(":", 6);
            account = arn.length > 4 ? arn[4] : "";
        }
        return account.trim();
    }
}
