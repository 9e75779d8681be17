package io.eventbridge.kafka.source.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;

/**
 * An event and the JSON it was read from, parsed once: the envelope (what routing patterns match; for a
 * wrapped body, the envelope it was given) and the detail. The event's own {@link EventBridgeEvent#detail()}
 * text is left out (null): most records are built from the parsed detail, and writing it out as text for
 * every event costs CPU for nothing; {@link #eventWithDetailText()} has it when it is needed.
 */
public record ParsedEvent(EventBridgeEvent event, JsonNode envelope, JsonNode detail) {
    /** The event with its detail as JSON text, as the CloudEvent mapping takes it. */
    public EventBridgeEvent eventWithDetailText() {
        return event.detail() != null ? event : event.withDetail(detail.toString());
    }
}
