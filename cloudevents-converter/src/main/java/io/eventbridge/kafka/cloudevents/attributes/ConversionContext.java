package io.eventbridge.kafka.cloudevents.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;

/** The record a converter is turning into a CloudEvent, as attribute templates see it. */
public final class ConversionContext {
    private final String topic;
    private final Headers headers;
    private final Schema schema;
    private final Object value;
    private JsonNode tree;

    public ConversionContext(String topic, Headers headers, Schema schema, Object value) {
        this.topic = topic;
        this.headers = headers;
        this.schema = schema;
        this.value = value;
    }

    public String topic() {
        return topic;
    }

    public Schema schema() {
        return schema;
    }

    public Object value() {
        return value;
    }

    /** The value as JSON, rendered once however many templates read it. */
    public JsonNode tree() {
        if (tree == null) {
            tree = JsonRenderer.render(schema, value);
        }
        return tree;
    }

    /** The last header of that name as UTF-8 text, or null. */
    public String header(String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
