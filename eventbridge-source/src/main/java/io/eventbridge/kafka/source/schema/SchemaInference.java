package io.eventbridge.kafka.source.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * A Connect schema per detail-type, inferred from the events seen so far and widened as new ones arrive:
 * new fields are added (every field is optional, so older events still fit), integers widen to long and
 * then double, and values whose types do not widen into each other are kept as JSON text. Each widening
 * gives the schema a new version, so a registry converter such as Glue's Avro converter registers a
 * compatible new version.
 *
 * <p>Field names are made Avro-safe ({@code instance-id} becomes {@code instance_id}; a clash gets a
 * numeric suffix), because inferred schemas exist for schema-registry converters.
 */
public final class SchemaInference {
    public static final String NAMESPACE = "io.eventbridge.kafka.source.";
    private static final int MAX_TYPES = 10_000;
    static final String JSON_NAME = "json.name.";

    private final Map<String, Inferred> byDetailType = new HashMap<>();

    /** The state of one detail-type: its shape, and the Connect schemas made of it. */
    private static final class Inferred {
        Shape shape = Shape.UNKNOWN;
        int version;
        Schema detail;
        Schema envelope;
    }

    /** The detail as a Struct of the detail-type's current schema. */
    public SchemaAndValue detail(String detailType, JsonNode detail) {
        Inferred state = update(detailType, detail);
        return new SchemaAndValue(state.detail, value(state.detail, detail));
    }

    /** The whole event as a Struct whose detail field has the detail-type's current schema. */
    public SchemaAndValue envelope(EventBridgeEvent event, JsonNode detail) {
        Inferred state = update(event.detailType(), detail);
        Struct s = new Struct(state.envelope)
            .put("version", event.version()).put("id", event.id()).put("detail_type", event.detailType())
            .put("source", event.source()).put("account", event.account()).put("time", event.time())
            .put("region", event.region()).put("resources", event.resources())
            .put("detail", value(state.detail, detail)).put("replay_name", event.replayName());
        return new SchemaAndValue(state.envelope, s);
    }

    private synchronized Inferred update(String detailType, JsonNode detail) {
        Inferred state = byDetailType.get(detailType);
        if (state == null) {
            if (byDetailType.size() >= MAX_TYPES) {
                byDetailType.clear(); // far more detail-types than any bus has: start over rather than grow
            }
            state = new Inferred();
            byDetailType.put(detailType, state);
        }
        Shape merged = Shape.merge(state.shape, shapeOf(detail));
        if (state.detail == null || !merged.equals(state.shape)) {
            state.shape = merged;
            state.version++;
            String name = NAMESPACE + typeName(detailType);
            state.detail = schema(merged, name, state.version, true);
            state.envelope = envelopeSchema(name, state.version, state.detail);
        }
        return state;
    }

    static Shape shapeOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Shape.UNKNOWN;
        }
        if (node.isBoolean()) {
            return Shape.BOOL;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? Shape.INT : node.canConvertToLong() ? Shape.LONG : Shape.DOUBLE;
        }
        if (node.isNumber()) {
            return Shape.DOUBLE;
        }
        if (node.isTextual()) {
            return Shape.TEXT;
        }
        if (node.isArray()) {
            Shape element = Shape.UNKNOWN;
            for (JsonNode item : node) {
                element = Shape.merge(element, shapeOf(item));
            }
            return new Shape.Array(element);
        }
        Map<String, Shape> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), shapeOf(e.getValue()));
        }
        return new Shape.Obj(fields);
    }

    /** The Connect schema of a shape; every schema optional so that any field may be missing or null. */
    static Schema schema(Shape shape, String name, int version, boolean top) {
        SchemaBuilder b;
        if (shape instanceof Shape.Bool) {
            b = SchemaBuilder.bool();
        } else if (shape instanceof Shape.Int) {
            b = SchemaBuilder.int32();
        } else if (shape instanceof Shape.Long) {
            b = SchemaBuilder.int64();
        } else if (shape instanceof Shape.Double) {
            b = SchemaBuilder.float64();
        } else if (shape instanceof Shape.Array a) {
            b = SchemaBuilder.array(schema(a.element(), name + "_item", 0, false));
        } else if (shape instanceof Shape.Obj o) {
            b = SchemaBuilder.struct().name(name);
            if (top) {
                b.version(version);
            }
            for (Map.Entry<String, String> f : fieldNames(o.fields().keySet()).entrySet()) {
                b.field(f.getValue(), schema(o.fields().get(f.getKey()), name + "_" + f.getValue(), 0, false));
                if (!f.getKey().equals(f.getValue())) {
                    b.parameter(JSON_NAME + f.getValue(), f.getKey()); // the JSON name of a renamed field
                }
            }
        } else {
            b = SchemaBuilder.string();
        }
        return b.optional().build();
    }

    private static Schema envelopeSchema(String name, int version, Schema detail) {
        return SchemaBuilder.struct().name(name + "_event").version(version)
            .field("version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("detail_type", Schema.STRING_SCHEMA)
            .field("source", Schema.STRING_SCHEMA)
            .field("account", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region", Schema.OPTIONAL_STRING_SCHEMA)
            .field("resources", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("detail", detail)
            .field("replay_name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    }

    /** JSON names to Avro-safe field names, in order, clashes suffixed. */
    static Map<String, String> fieldNames(Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            String safe = avroName(name);
            int n = used.merge(safe, 1, Integer::sum);
            out.put(name, n == 1 ? safe : safe + "_" + n);
        }
        return out;
    }

    static String avroName(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9';
            out.append(ok ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    static String typeName(String detailType) {
        return avroName(detailType == null ? "unknown" : detailType);
    }

    /** The JSON value under a schema made by {@link #schema}. */
    static Object value(Schema schema, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (schema.type()) {
            case BOOLEAN:
                return node.asBoolean();
            case INT32:
                return node.asInt();
            case INT64:
                return node.asLong();
            case FLOAT64:
                return node.asDouble();
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (JsonNode item : node) {
                    out.add(value(schema.valueSchema(), item));
                }
                return out;
            }
            case STRUCT: {
                if (!node.isObject()) {
                    return null;
                }
                Struct struct = new Struct(schema);
                Map<String, String> params = schema.parameters() == null ? Map.of() : schema.parameters();
                for (Field field : schema.fields()) {
                    String jsonName = params.getOrDefault(JSON_NAME + field.name(), field.name());
                    struct.put(field, value(field.schema(), node.get(jsonName)));
                }
                return struct;
            }
            default:
                return node.isTextual() ? node.asText() : node.toString();
        }
    }
}
