package io.eventbridge.kafka.sink.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.io.IOException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record as the mapping sees it: the key and value rendered to JSON at most once, however many
 * fields (detail, detail-type, source, resources, time) read them.
 */
public final class RecordView {
    private final SinkRecord record;
    private JsonNode key;
    private JsonNode value;

    public RecordView(SinkRecord record) {
        this.record = record;
    }

    public SinkRecord record() {
        return record;
    }

    public JsonNode key() {
        if (key == null) {
            key = JsonRenderer.render(record.keySchema(), record.key());
        }
        return key;
    }

    public JsonNode value() {
        if (value == null) {
            value = JsonRenderer.render(record.valueSchema(), record.value());
        }
        return value;
    }

    /** Writes the key as JSON: the tree if something already built it, else straight from the record. */
    public void writeKey(JsonGenerator out) throws IOException {
        if (key != null) {
            out.writeTree(key);
        } else {
            JsonRenderer.write(out, record.keySchema(), record.key());
        }
    }

    /** Writes the value as JSON: the tree if an expression already built it, else straight from the record. */
    public void writeValue(JsonGenerator out) throws IOException {
        if (value != null) {
            out.writeTree(value);
        } else {
            JsonRenderer.write(out, record.valueSchema(), record.value());
        }
    }

    /** The last header of that name rendered as text, or null. */
    public String header(String name) {
        Header header = record.headers().lastWithName(name);
        if (header == null) {
            return null;
        }
        return JsonRenderer.asText(JsonRenderer.render(header.schema(), header.value()));
    }
}
