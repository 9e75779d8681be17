package io.eventbridge.kafka.schema.infer;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Schema inference from JSON, the one place the suite does it: the {@link Shape} of a JSON value, the Connect
 * schema of a shape, and a JSON value as Connect data of that schema.
 *
 * <p>Connect schemas made here are registry-friendly: every schema is optional, field names are Avro-safe
 * ({@code instance-id} becomes {@code instance_id}; a clash gets a numeric suffix) with the JSON name kept in the
 * struct parameter {@code json.name.<field>}, and a field whose values stopped widening into its type has an
 * overflow field {@code <field>_json} (parameters {@code json.overflow.<field>} and
 * {@code json.overflow.of.<overflow>}). A string that holds any JSON is marked {@link #ANY_JSON_PARAM}. These
 * parameters are what lets {@link io.eventbridge.kafka.schema.json.JsonSchemas} describe the JSON itself.
 */
public final class JsonShapes {
    /** On a struct: {@code json.name.<field>} is the JSON name of a renamed field. */
    public static final String JSON_NAME = "json.name.";
    /** On a struct: {@code json.overflow.<field>} names the field's overflow field. */
    public static final String OVERFLOW_PARAM = "json.overflow.";
    /** On a struct: {@code json.overflow.of.<overflow field>} names the field it overflows. */
    public static final String OVERFLOW_OF_PARAM = "json.overflow.of.";
    /** On a string: its JSON values are not only strings (it carries their JSON text). */
    public static final String ANY_JSON_PARAM = "json.any";
    /**
     * Objects and arrays nested deeper than this are not described field by field: from there on a value is JSON
     * text ({@link Shape.Json}). Real events nest a few levels; hostile ones nest as deep as the JSON parser lets
     * them (1,000), which would make every schema walk recurse as deep.
     */
    public static final int MAX_DEPTH = 32;

    private JsonShapes() {}

    public static Shape shapeOf(JsonNode node) {
        return shapeOf(node, 0);
    }

    private static Shape shapeOf(JsonNode node, int depth) {
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
        if (depth >= MAX_DEPTH) {
            return Shape.JSON; // deeper than any event needs: kept as JSON text, and every walk stays bounded
        }
        if (node.isArray()) {
            Shape element = Shape.UNKNOWN;
            for (JsonNode item : node) {
                element = Shape.merge(element, shapeOf(item, depth + 1));
            }
            return new Shape.Array(element);
        }
        Map<String, Shape> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(checkedName(e.getKey()), shapeOf(e.getValue(), depth + 1));
        }
        return new Shape.Obj(fields);
    }

    /**
     * A JSON field name as a shape's key. A name starting with U+0000 would read as an overflow slot's key: such
     * a value gets no schema (a named failure the connectors handle: the source dead-letters the message, the sink
     * sends the event undescribed).
     *
     * @throws IllegalArgumentException for such a name
     */
    private static String checkedName(String name) {
        if (Shape.isOverflow(name)) {
            throw new IllegalArgumentException("a JSON field name starting with U+0000 cannot be given a schema: "
                    + name.replace("\u0000", "\\u0000"));
        }
        return name;
    }

    /**
     * Whether {@code shape} already holds the JSON value: exactly when {@code Shape.merge(shape, shapeOf(node))}
     * would give {@code shape} back, but without building the value's shape. This is the common case (an event
     * like the ones before), and it allocates nothing.
     */
    public static boolean holds(Shape shape, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || shape instanceof Shape.Json) {
            return true;
        }
        if (shape instanceof Shape.Text) {
            return node.isTextual();
        }
        if (shape instanceof Shape.Bool) {
            return node.isBoolean();
        }
        if (shape instanceof Shape.Int) {
            return node.isIntegralNumber() && node.canConvertToInt();
        }
        if (shape instanceof Shape.Long) {
            return node.isIntegralNumber() && node.canConvertToLong();
        }
        if (shape instanceof Shape.Double) {
            return node.isNumber();
        }
        if (shape instanceof Shape.Array a) {
            if (!node.isArray()) {
                return false;
            }
            for (JsonNode item : node) {
                if (!holds(a.element(), item)) {
                    return false;
                }
            }
            return true;
        }
        if (shape instanceof Shape.Obj o && node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Shape old = Shape.isOverflow(e.getKey()) ? null : o.fields().get(e.getKey());
                if (old == null) {
                    return false; // a new field, even a null one, is new to the shape
                }
                if (!holds(old, e.getValue())
                        && (Shape.widens(old, shapeOf(e.getValue()))
                                || !o.fields().containsKey(Shape.overflow(e.getKey())))) {
                    return false; // widens the field, or needs an overflow slot it does not have yet
                }
            }
            return true;
        }
        return false; // Unknown, or another kind of value
    }

    /**
     * The Connect schema of a shape, every schema optional so that any field may be missing or null. A shape
     * with no type yet (only nulls or empty arrays seen) is a string here; struct fields of such shapes are left
     * out until they have a type.
     *
     * @param version set on the top struct when {@code top}
     */
    public static Schema schema(Shape shape, String name, int version, boolean top) {
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
            Map<String, String> names = fieldNames(o.fields().keySet());
            for (Map.Entry<String, String> f : names.entrySet()) {
                String key = f.getKey();
                String safe = f.getValue();
                if (!Shape.isOverflow(key) && !key.equals(safe)) {
                    b.parameter(JSON_NAME + safe, key); // the JSON name of a renamed field
                }
                Shape fieldShape = o.fields().get(key);
                if (!Shape.typed(fieldShape)) {
                    continue; // no schema before a value has a type: the field is added then
                }
                b.field(safe, schema(fieldShape, name + "_" + safe, 0, false));
                if (Shape.isOverflow(key)) {
                    String primary = names.get(key.substring(Shape.OVERFLOW.length()));
                    b.parameter(OVERFLOW_OF_PARAM + safe, primary).parameter(OVERFLOW_PARAM + primary, safe);
                }
            }
        } else if (shape instanceof Shape.Json) {
            b = SchemaBuilder.string().parameter(ANY_JSON_PARAM, "true");
        } else {
            b = SchemaBuilder.string();
        }
        return b.optional().build();
    }

    /**
     * JSON names (and overflow slots, named after their field with {@code _json}) to Avro-safe field names,
     * in first-seen order, clashes suffixed: a name once given never changes as fields are added.
     */
    public static Map<String, String> fieldNames(Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            String safe = Shape.isOverflow(name)
                    ? avroName(name.substring(Shape.OVERFLOW.length())) + "_json"
                    : avroName(name);
            int n = used.merge(safe, 1, Integer::sum);
            out.put(name, n == 1 ? safe : safe + "_" + n);
        }
        return out;
    }

    /** A JSON name as an Avro name: what Avro does not allow becomes {@code _}. */
    public static String avroName(String name) {
        return AvroSchemas.avroSimpleName(name);
    }

    /** The JSON value under a schema made by {@link #schema}. */
    public static Object value(Schema schema, JsonNode node) {
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
                if (!node.isObject()) { // every value is merged into the schema first, so this cannot happen
                    throw new DataException("A " + node.getNodeType() + " where the inferred schema " + schema.name()
                            + " has an object");
                }
                Struct struct = new Struct(schema);
                Map<String, String> params = schema.parameters();
                if (params == null || params.isEmpty()) { // no renamed or overflow fields: the common case
                    for (Field field : schema.fields()) {
                        struct.put(field, value(field.schema(), node.get(field.name())));
                    }
                    return struct;
                }
                for (Field field : schema.fields()) {
                    String primary = params.get(OVERFLOW_OF_PARAM + field.name());
                    if (primary != null) {
                        if (schema.field(primary) == null) { // the field itself has no type yet
                            struct.put(field, text(node.get(jsonName(params, primary))));
                        }
                        continue; // otherwise filled with its field
                    }
                    JsonNode v = node.get(jsonName(params, field.name()));
                    String overflow = params.get(OVERFLOW_PARAM + field.name());
                    if (overflow != null && !fits(field.schema(), v)) {
                        struct.put(overflow, text(v));
                    } else {
                        struct.put(field, value(field.schema(), v));
                    }
                }
                return struct;
            }
            default:
                return text(node);
        }
    }

    /** The JSON name of a field of a struct made by {@link #schema}. */
    public static String jsonName(Map<String, String> params, String field) {
        return params == null ? field : params.getOrDefault(JSON_NAME + field, field);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode()
                ? null
                : node.isTextual() ? node.asText() : node.toString();
    }

    /** Whether a JSON value has the type of a schema made by {@link #schema}, or else needs the overflow slot. */
    public static boolean fits(Schema schema, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        switch (schema.type()) {
            case BOOLEAN:
                return node.isBoolean();
            case INT32:
                return node.isIntegralNumber() && node.canConvertToInt();
            case INT64:
                return node.isIntegralNumber() && node.canConvertToLong();
            case FLOAT64:
                return node.isNumber();
            case ARRAY:
                if (!node.isArray()) {
                    return false;
                }
                for (JsonNode item : node) {
                    if (!fits(schema.valueSchema(), item)) {
                        return false;
                    }
                }
                return true;
            case STRUCT:
                return node.isObject(); // its own fields have overflow slots where they need them
            default:
                return true;
        }
    }
}
