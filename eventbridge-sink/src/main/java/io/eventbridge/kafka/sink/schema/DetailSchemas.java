package io.eventbridge.kafka.sink.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.schema.infer.InferredSchema;
import io.eventbridge.kafka.schema.infer.JsonShapes;
import io.eventbridge.kafka.schema.infer.Shape;
import io.eventbridge.kafka.schema.json.EventSchemas;
import io.eventbridge.kafka.schema.json.JsonSchemas;
import io.eventbridge.kafka.schema.json.JsonSchemas.Dialect;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import io.eventbridge.kafka.schema.registry.SchemaPublisher;
import io.eventbridge.kafka.sink.config.DetailMode;
import io.eventbridge.kafka.sink.mapping.RecordView;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The schema of the Detail the sink sends, per (source, detail-type), and when it changes. Where the record has a
 * Connect schema (a struct, a map, an array, a number...) the Detail's schema is exact, from that schema; where it
 * has none, or only a string or bytes (which the sink embeds as JSON when they hold JSON), it is inferred from the
 * rendered JSON with the suite's one inference, widening as records arrive. In {@code envelope} mode the Detail is
 * the AWS sink's envelope around the key and value; in {@code value} mode it is the value (an object), or
 * {@code {"value": ...}} around anything else.
 *
 * <p>Per record it costs a map lookup and two identity comparisons where schemas are Connect's (Connect
 * converters reuse schema objects); schemaless parts cost the shape of their JSON. A new document is built only
 * when something changed, and handed to {@code publish}. Task thread only.
 */
public final class DetailSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DetailMode mode;
    private final SchemaFormat format;
    private final Consumer<Described> publish;
    private final Map<Key, TypeState> types = new HashMap<>();

    /**
     * A new document for a schema name, and how it widens the registry's latest version of that name: inferred
     * parts keep what the latest already describes (a restarted task infers again from the records after its
     * committed offsets, another task from other partitions), parts with a Connect schema are exact.
     */
    public record Described(String schemaName, ObjectNode document, SchemaPublisher.Widening widening) {}

    /**
     * A part as it was when a document was made: the Connect schema it is typed by, or its inferred shape.
     * Immutable (shapes are), so the publisher's thread can widen it.
     */
    private record PartView(String name, Schema typed, Shape shape) {
        Schema connectSchema() {
            return typed != null
                    ? typed
                    : shape == null || !Shape.typed(shape) ? null : JsonShapes.schema(shape, name, 1, true);
        }

        ObjectNode schema(Dialect dialect) {
            Schema schema = connectSchema();
            return schema == null ? JsonSchemas.any() : JsonSchemas.of(schema, dialect);
        }

        /** This part widened by the registry's schema of it, where it is inferred and that schema is readable. */
        PartView over(JsonNode registry) {
            if (typed != null || registry == null || registry.isMissingNode()) {
                return this;
            }
            Shape published = JsonSchemas.shapeOf(registry);
            return published == null
                    ? this
                    : new PartView(name, null, Shape.merge(published, shape == null ? Shape.UNKNOWN : shape));
        }
    }

    private record Key(String source, String detailType) {}

    /** One part of the Detail (key or value): typed by its last Connect schema, or inferred. */
    private static final class Part {
        private final String name;
        Schema typed;
        InferredSchema inferred;
        boolean isTyped;

        Part(String name) {
            this.name = name;
        }

        /** Whether the part's description changed with this record. */
        boolean observe(Schema schema, Supplier<JsonNode> json) {
            if (describable(schema)) {
                if (isTyped && (schema == typed || schema.equals(typed))) {
                    typed = schema; // the same schema, maybe another object: compare by identity next time
                    return false;
                }
                isTyped = true;
                typed = schema;
                return true;
            }
            boolean flipped = isTyped;
            isTyped = false;
            if (inferred == null) {
                inferred = new InferredSchema(name);
            }
            int before = inferred.version();
            return inferred.merge(json.get()) && inferred.version() != before || flipped;
        }

        PartView view() {
            return new PartView(name, isTyped ? typed : null, isTyped || inferred == null ? null : inferred.shape());
        }
    }

    private static final class TypeState {
        final Part key = new Part("key");
        final Part value = new Part("value");
    }

    public DetailSchemas(DetailMode mode, SchemaFormat format, Consumer<Described> publish) {
        this.mode = mode;
        this.format = format;
        this.publish = publish;
    }

    /** Looks at one record that became {@code entry}; publishes its detail-type's document if it changed. */
    public void observe(SinkRecord record, RecordView view, PutEventsRequestEntry entry) {
        Key key = new Key(entry.source(), entry.detailType());
        TypeState state = types.get(key);
        boolean changed = state == null;
        if (state == null) {
            if (types.size() >= 10_000) {
                types.clear(); // far more detail-types than a bus has: start over rather than grow
            }
            state = new TypeState();
            types.put(key, state);
        }
        changed |= state.value.observe(record.valueSchema(), view::value);
        if (mode == DetailMode.ENVELOPE) {
            changed |= state.key.observe(record.keySchema(), view::key);
        }
        if (changed) {
            PartView keyView = state.key.view();
            PartView valueView = state.value.view();
            String name = EventSchemas.schemaName(key.source(), key.detailType());
            publish.accept(new Described(
                    name, document(key, keyView, valueView), latest -> widened(key, keyView, valueView, latest)));
        }
    }

    private ObjectNode document(Key key, PartView keyPart, PartView valuePart) {
        return EventSchemas.document(
                format, key.source(), key.detailType(), dialect -> detail(keyPart, valuePart, dialect));
    }

    /** The document of these parts, their inferred ones widened by the registry's latest document's. */
    private ObjectNode widened(Key key, PartView keyPart, PartView valuePart, JsonNode latest) {
        String detailName = EventSchemas.detailName(key.detailType());
        JsonNode detail = format == SchemaFormat.OPENAPI3
                ? latest.path("components").path("schemas").path(detailName)
                : latest.path("definitions").path(detailName);
        if (mode == DetailMode.ENVELOPE) {
            return document(
                    key,
                    keyPart.over(detail.path("properties").path("key")),
                    valuePart.over(detail.path("properties").path("value")));
        }
        return document(
                key,
                keyPart,
                valuePart.over(
                        wholeDetail(valuePart)
                                ? detail
                                : detail.path("properties").path("value")));
    }

    /** In value mode, whether the Detail is the value itself (an object), not {@code {"value": ...}}. */
    private static boolean wholeDetail(PartView value) {
        Schema schema = value.connectSchema();
        return schema != null && (schema.type() == Schema.Type.STRUCT || schema.type() == Schema.Type.MAP);
    }

    /** The schema of the Detail as sent. */
    ObjectNode detail(PartView keyPart, PartView value, Dialect dialect) {
        if (mode == DetailMode.ENVELOPE) {
            return envelope(keyPart, value, dialect);
        }
        if (wholeDetail(value)) {
            ObjectNode detail = value.schema(dialect);
            notNull(detail);
            if (value.connectSchema().isOptional()) {
                detail.remove("required"); // a null value is sent as {}
            }
            return detail;
        }
        ObjectNode detail = NODES.objectNode().put("type", "object");
        detail.putObject("properties").set("value", value.schema(dialect));
        return detail;
    }

    private static ObjectNode envelope(PartView keyPart, PartView value, Dialect dialect) {
        ObjectNode detail = NODES.objectNode().put("type", "object");
        detail.put("title", "KafkaRecord");
        ObjectNode props = detail.putObject("properties");
        boolean openApi = dialect == Dialect.OPENAPI3;
        props.putObject("topic").put("type", "string");
        ObjectNode partition = props.putObject("partition").put("type", "integer");
        ObjectNode offset = props.putObject("offset").put("type", "integer");
        ObjectNode timestamp = props.putObject("timestamp").put("type", "integer");
        if (openApi) {
            partition.put("format", "int32");
            offset.put("format", "int64");
            timestamp.put("format", "int64");
        }
        JsonSchemas.nullable(timestamp, dialect);
        props.putObject("timestampType").put("type", "string");
        props.putObject("headers").put("type", "array").putObject("items").put("type", "object");
        props.set("key", keyPart.schema(dialect));
        props.set("value", value.schema(dialect));
        detail.putArray("required")
                .add("topic")
                .add("partition")
                .add("offset")
                .add("timestamp")
                .add("timestampType")
                .add("headers")
                .add("key")
                .add("value");
        return detail;
    }

    private static void notNull(ObjectNode schema) {
        schema.remove("nullable");
        JsonNode type = schema.get("type");
        if (type != null && type.isArray() && type.size() == 2) {
            schema.put("type", type.get(0).asText());
        }
    }

    /**
     * Whether a record's Connect schema describes its JSON exactly: not where there is none, nor for a string or
     * bytes, which the sink embeds as JSON when they hold a JSON object or array.
     */
    private static boolean describable(Schema schema) {
        return schema != null
                && (schema.name() != null || schema.type() != Schema.Type.STRING && schema.type() != Schema.Type.BYTES);
    }
}
