package io.eventbridge.kafka.source.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;

/**
 * An event and the JSON it was read from, parsed once: the envelope (what routing patterns match; for a
 * wrapped body, the envelope it was given) and the detail.
 */
public record ParsedEvent(EventBridgeEvent event, JsonNode envelope, JsonNode detail) {
}
