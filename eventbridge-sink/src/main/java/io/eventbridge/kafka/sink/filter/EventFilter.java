package io.eventbridge.kafka.sink.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.config.FilterConfig;
import java.io.IOException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * event.filter.pattern: whether an entry is worth sending, decided as a rule on the bus would decide it. The entry
 * is matched in the shape EventBridge gives rules (source, detail-type, detail, resources, account, region, time).
 * An entry that cannot be matched at all is sent: the filter saves money, it never loses an event.
 */
public final class EventFilter {
    private final EventPatterns<String> pattern;
    private final String account;
    private final String region;

    private EventFilter(EventPatterns<String> pattern, String account, String region) {
        this.pattern = pattern;
        this.account = account;
        this.region = region;
    }

    /** The configured filter, or null when every event is to be sent. */
    public static EventFilter from(EventBridgeSinkConfig config) {
        String pattern = config.getString(FilterConfig.PATTERN_CONFIG);
        if (pattern == null || pattern.isBlank()) {
            return null;
        }
        String account = config.getString(FilterConfig.ACCOUNT_CONFIG);
        if (account == null || account.isBlank()) {
            String[] arn = config.eventBusArn().split(":", 6);
            account = arn.length > 4 ? arn[4] : "";
        }
        return new EventFilter(EventPatterns.of(pattern), account.trim(), config.awsSettings().region());
    }

    /** Whether some rule with the pattern would want this entry. */
    public boolean wants(PutEventsRequestEntry entry) {
        try {
            return pattern.anyMatch(envelope(entry));
        } catch (IllegalArgumentException | IOException e) {
            return true;
        }
    }

    /** The entry as the event a rule matches against. */
    ObjectNode envelope(PutEventsRequestEntry entry) throws IOException {
        ObjectNode event = JsonRenderer.MAPPER.createObjectNode().put("version", "0")
            .put("detail-type", entry.detailType()).put("source", entry.source()).put("account", account);
        if (entry.time() != null) {
            event.put("time", entry.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.resources().forEach(resources::add);
        JsonNode detail = entry.detail() == null ? JsonRenderer.MAPPER.createObjectNode()
            : JsonRenderer.MAPPER.readTree(entry.detail());
        event.set("detail", detail);
        return event;
    }
}
