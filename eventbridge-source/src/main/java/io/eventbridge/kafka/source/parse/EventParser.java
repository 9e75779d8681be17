package io.eventbridge.kafka.source.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.source.config.NonEnvelopeBehavior;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.time.Instant;
import java.util.List;

/**
 * Reads an SQS body as the EventBridge event a rule delivered. A body with EventBridge's fields is an
 * envelope and must be a whole one; any other body (from an input transformer, or written to the queue
 * directly) is wrapped as an event or is malformed, as configured.
 */
public final class EventParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NonEnvelopeBehavior nonEnvelope;
    private final String fallbackSource;
    private final String fallbackDetailType;

    public EventParser(NonEnvelopeBehavior nonEnvelope, String fallbackSource, String fallbackDetailType) {
        this.nonEnvelope = nonEnvelope;
        this.fallbackSource = fallbackSource;
        this.fallbackDetailType = fallbackDetailType;
    }

    /** @throws MalformedMessageException saying why the body cannot become a record */
    public ParsedEvent parse(SqsMessage message) {
        String body = message.body();
        if (body == null || body.isBlank()) {
            throw new MalformedMessageException("empty body");
        }
        String trimmed = body.strip();
        JsonNode node = null;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                node = JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                throw new MalformedMessageException("body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (node != null && node.isObject() && (node.has("detail-type") || node.has("detail"))) {
            return envelope(node, message);
        }
        if (nonEnvelope == NonEnvelopeBehavior.MALFORMED) {
            throw new MalformedMessageException("body is not an EventBridge event (no detail-type and detail)");
        }
        return wrap(node, body, message);
    }

    private static ParsedEvent envelope(JsonNode node, SqsMessage message) {
        for (String field : new String[] {"id", "detail-type", "source", "detail"}) {
            if (!node.hasNonNull(field)) {
                throw new MalformedMessageException("EventBridge event without '" + field + "'");
            }
        }
        if (!node.get("detail").isObject()) {
            throw new MalformedMessageException("EventBridge event whose detail is not a JSON object");
        }
        try {
            return new ParsedEvent(EventBridgeEvent.fromJson(node, false), node, node.get("detail"));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private ParsedEvent wrap(JsonNode node, String body, SqsMessage message) {
        JsonNode detail =
                node != null && node.isObject() ? node : JSON.createObjectNode().put("body", body);
        long sent = message.sentTimestamp();
        String time = (sent > 0 ? Instant.ofEpochMilli(sent) : Instant.ofEpochMilli(message.receivedAtMillis()))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        // the envelope routing patterns match, built as a tree: no JSON text to write and read back
        ObjectNode envelope = JSON.createObjectNode()
                .put("version", "0")
                .put("id", message.messageId())
                .put("detail-type", fallbackDetailType)
                .put("source", fallbackSource)
                .put("time", time);
        envelope.putArray("resources");
        envelope.set("detail", detail);
        EventBridgeEvent event = new EventBridgeEvent(
                "0", message.messageId(), fallbackDetailType, fallbackSource, null, time, null, List.of(), null, null);
        return new ParsedEvent(event, envelope, detail);
    }
}
