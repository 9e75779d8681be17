package io.eventbridge.kafka.sink.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import java.io.IOException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Whether an entry is worth sending, decided as the bus would decide it: by event.filter.pattern, and with
 * event.filter=bus-rules by the bus's own rules and archives too (both must want it). The entry is matched in the
 * shape EventBridge gives rules (source, detail-type, detail, resources, account, region, time). An entry that
 * cannot be matched at all is sent: the filter saves money, it never loses an event.
 */
public final class EventFilter implements AutoCloseable {
    private final EventPatterns<String> pattern;
    private final BusRulesFilter busRules;
    private final String account;
    private final String region;

    /**
     * @param pattern event.filter.pattern, or null
     * @param busRules the bus-rules filter, or null
     * @param account what the pattern's {@code account} is matched against: the sending account
     */
    public EventFilter(EventPatterns<String> pattern, BusRulesFilter busRules, String account, String region) {
        this.pattern = pattern;
        this.busRules = busRules;
        this.account = account;
        this.region = region;
    }

    /** Whether some rule would want this entry. */
    public boolean wants(PutEventsRequestEntry entry) {
        ObjectNode event;
        try {
            event = envelope(entry);
        } catch (IOException | RuntimeException e) {
            return true;
        }
        return wants(event);
    }

    /** Whether some rule would want this event (as {@link #envelope} makes it). */
    public boolean wants(JsonNode event) {
        try {
            if (pattern != null && !pattern.anyMatch(event)) {
                return false;
            }
            return busRules == null || busRules.wants(event);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The entry as the event a rule matches against. */
    public ObjectNode envelope(PutEventsRequestEntry entry) throws IOException {
        ObjectNode event = JsonRenderer.MAPPER
                .createObjectNode()
                .put("version", "0")
                .put("detail-type", entry.detailType())
                .put("source", entry.source())
                .put("account", account);
        if (entry.time() != null) {
            event.put(
                    "time",
                    entry.time()
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString());
        }
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.resources().forEach(resources::add);
        JsonNode detail = entry.detail() == null
                ? JsonRenderer.MAPPER.createObjectNode()
                : JsonRenderer.MAPPER.readTree(entry.detail());
        event.set("detail", detail);
        return event;
    }

    @Override
    public void close() {
        if (busRules != null) {
            busRules.close();
        }
    }
}
