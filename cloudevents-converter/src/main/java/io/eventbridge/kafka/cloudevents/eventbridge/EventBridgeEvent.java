package io.eventbridge.kafka.cloudevents.eventbridge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An EventBridge event as rules deliver it to targets: version, id, detail-type, source, account, time,
 * region, resources, detail, and replay-name on events replayed from an archive. The detail is kept as
 * its JSON text, so nothing in it is reformatted.
 */
public record EventBridgeEvent(
        String version,
        String id,
        String detailType,
        String source,
        String account,
        String time,
        String region,
        List<String> resources,
        String detail,
        String replayName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public EventBridgeEvent {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /**
     * Parses the JSON of an event envelope.
     *
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    public static EventBridgeEvent parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        return fromJson(node);
    }

    /**
     * The event of an already parsed envelope.
     *
     * @throws IllegalArgumentException saying what is missing
     */
    public static EventBridgeEvent fromJson(JsonNode node) {
        return fromJson(node, true);
    }

    /**
     * The event of an already parsed envelope; with {@code withDetailText} false its {@link #detail()} is null,
     * for callers that keep working with the parsed detail and would only pay for writing it out.
     *
     * @throws IllegalArgumentException saying what is missing
     */
    public static EventBridgeEvent fromJson(JsonNode node, boolean withDetailText) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String required : new String[] {"id", "detail-type", "source", "detail"}) {
            if (!node.hasNonNull(required)) {
                throw new IllegalArgumentException("no '" + required + "' field, so not an EventBridge event");
            }
        }
        List<String> resources = new ArrayList<>();
        node.path("resources").forEach(r -> resources.add(r.asText()));
        return new EventBridgeEvent(
                text(node, "version"),
                text(node, "id"),
                text(node, "detail-type"),
                text(node, "source"),
                text(node, "account"),
                text(node, "time"),
                text(node, "region"),
                resources,
                withDetailText ? node.get("detail").toString() : null,
                text(node, "replay-name"));
    }

    /** This event with another detail (JSON text). */
    public EventBridgeEvent withDetail(String detailJson) {
        return new EventBridgeEvent(
                version, id, detailType, source, account, time, region, resources, detailJson, replayName);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The envelope JSON, fields in EventBridge's order; the detail written as it is. */
    public String toJson() {
        StringWriter out = new StringWriter(256 + (detail == null ? 0 : detail.length()));
        try (JsonGenerator gen = JSON.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            field(gen, "version", version);
            field(gen, "id", id);
            field(gen, "detail-type", detailType);
            field(gen, "source", source);
            field(gen, "account", account);
            field(gen, "time", time);
            field(gen, "region", region);
            gen.writeArrayFieldStart("resources");
            for (String r : resources) {
                gen.writeString(r);
            }
            gen.writeEndArray();
            gen.writeFieldName("detail");
            gen.writeRawValue(detail == null ? "{}" : detail);
            if (replayName != null) {
                gen.writeStringField("replay-name", replayName);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void field(JsonGenerator gen, String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }
}
