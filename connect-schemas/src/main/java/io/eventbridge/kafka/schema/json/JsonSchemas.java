package io.eventbridge.kafka.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.schema.infer.JsonShapes;
import io.eventbridge.kafka.schema.infer.Shape;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The JSON Schema of the JSON the connectors write for Connect data (connect-common's {@code JsonRenderer}), in
 * JSON Schema draft 4 or in the schema object of OpenAPI 3.0. The two differ only where the dialects do: a
 * nullable value is {@code "type": [T, "null"]} in draft 4 and {@code "nullable": true} in OpenAPI, and the
 * {@code format} of numbers and bytes is OpenAPI's own.
 *
 * <ul>
 *   <li>INT8, INT16, INT32: integer ({@code int32}); INT64: integer ({@code int64}); FLOAT32, FLOAT64: number;
 *       BOOLEAN: boolean; STRING: string; BYTES: base64 string ({@code byte}).</li>
 *   <li>Decimal: number. Date: string, {@code date}. Time: string ({@code HH:mm:ss.SSS}). Timestamp: string,
 *       {@code date-time}.</li>
 *   <li>ARRAY: array of its items; MAP: object whose every property is the value schema; STRUCT: object with a
 *       property per field, titled with the struct's name, with its doc. A field is required unless it is
 *       optional or has a default: events written before the field was added (with a default, a compatible
 *       change) still fit the newer schema. A default is the property's {@code default}.</li>
 *   <li>An optional schema is nullable. A null schema (schemaless data) is any JSON: {@code {}}; so is anything
 *       nested deeper than {@link #MAX_DEPTH} levels.</li>
 *   <li>Inferred structs ({@link JsonShapes}) are described as their JSON: fields by their JSON names, a field
 *       with an overflow field (or a string marked as holding any JSON) as any JSON, and overflow fields left
 *       out.</li>
 * </ul>
 *
 * <p>{@link #shapeOf} reads such a schema of inferred JSON back (from a registry's latest version), so that
 * inference can continue from what was published rather than from nothing.
 */
public final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Schemas nested deeper than this are described as any JSON: no walk recurses past it. */
    public static final int MAX_DEPTH = 64;

    /** The JSON Schema dialect written. */
    public enum Dialect {
        DRAFT4,
        OPENAPI3
    }

    private JsonSchemas() {}

    /** Any JSON value. */
    public static ObjectNode any() {
        return NODES.objectNode();
    }

    /** The schema of the JSON of Connect data of {@code schema}; null: any JSON. */
    public static ObjectNode of(Schema schema, Dialect dialect) {
        return of(schema, dialect, 0);
    }

    private static ObjectNode of(Schema schema, Dialect dialect, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return any(); // deeper than a schema registry or code generator is useful for: any JSON below
        }
        ObjectNode node = required(schema, dialect, depth);
        if (schema.doc() != null && schema.type() != Schema.Type.STRUCT) {
            node.put("description", schema.doc());
        }
        return schema.isOptional() ? nullable(node, dialect) : node;
    }

    /** Makes a schema also accept null. A schema of any JSON already does. */
    public static ObjectNode nullable(ObjectNode node, Dialect dialect) {
        if (!node.has("type")) {
            return node;
        }
        if (dialect == Dialect.OPENAPI3) {
            node.put("nullable", true);
        } else if (node.get("type").isTextual()) {
            node.set("type", NODES.arrayNode().add(node.get("type").asText()).add("null"));
        }
        return node;
    }

    private static ObjectNode required(Schema schema, Dialect dialect, int depth) {
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return type("number");
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return type("string").put("format", "date");
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return type("string");
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return type("string").put("format", "date-time");
        }
        boolean openApi = dialect == Dialect.OPENAPI3;
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                return openApi ? type("integer").put("format", "int32") : type("integer");
            case INT64:
                return openApi ? type("integer").put("format", "int64") : type("integer");
            case FLOAT32:
                return openApi ? type("number").put("format", "float") : type("number");
            case FLOAT64:
                return openApi ? type("number").put("format", "double") : type("number");
            case BOOLEAN:
                return type("boolean");
            case STRING: {
                Map<String, String> params = schema.parameters();
                return params != null && "true".equals(params.get(JsonShapes.ANY_JSON_PARAM)) ? any() : type("string");
            }
            case BYTES:
                return openApi ? type("string").put("format", "byte") : type("string");
            case ARRAY: {
                ObjectNode node = type("array");
                node.set("items", of(schema.valueSchema(), dialect, depth + 1));
                return node;
            }
            case MAP: {
                ObjectNode node = type("object");
                node.set("additionalProperties", of(schema.valueSchema(), dialect, depth + 1));
                return node;
            }
            case STRUCT:
                return struct(schema, dialect, depth);
            default:
                throw new IllegalArgumentException("Connect type " + schema.type() + " has no JSON Schema");
        }
    }

    private static ObjectNode struct(Schema schema, Dialect dialect, int depth) {
        ObjectNode node = type("object");
        if (schema.name() != null) {
            node.put("title", schema.name());
        }
        if (schema.doc() != null) {
            node.put("description", schema.doc());
        }
        Map<String, String> params = schema.parameters();
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Field field : schema.fields()) {
            if (params != null && params.containsKey(JsonShapes.OVERFLOW_OF_PARAM + field.name())) {
                if (schema.field(params.get(JsonShapes.OVERFLOW_OF_PARAM + field.name())) == null) {
                    // the field's values so far are only in its overflow slot: any JSON under the field's name
                    properties.set(
                            JsonShapes.jsonName(params, params.get(JsonShapes.OVERFLOW_OF_PARAM + field.name())),
                            any());
                }
                continue;
            }
            String name = JsonShapes.jsonName(params, field.name());
            boolean overflows = params != null && params.containsKey(JsonShapes.OVERFLOW_PARAM + field.name());
            ObjectNode property = overflows ? any() : of(field.schema(), dialect, depth + 1);
            Object defaultValue = field.schema().defaultValue();
            if (defaultValue != null) {
                property.set("default", JsonRenderer.render(field.schema(), defaultValue));
            }
            properties.set(name, property);
            if (!field.schema().isOptional() && defaultValue == null) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return node;
    }

    /**
     * The inferred {@link Shape} a schema of inferred JSON (as {@link #of} writes it for a schema of
     * {@link JsonShapes}, in either dialect) describes; null where the schema holds anything inference does not
     * write (a map, a type union, a reference, nesting past {@link #MAX_DEPTH}). Reading is lenient where the
     * result is wider: a draft-4 integer (which has no format) is a long, a string of any format is text, any JSON
     * ({@code {}}) is JSON text, and nullability and required lists are ignored, since every inferred field is
     * optional.
     */
    public static Shape shapeOf(JsonNode schema) {
        return shapeOf(schema, 0);
    }

    private static Shape shapeOf(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH || schema.has("$ref")) {
            return null;
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") || schema.has("items") ? null : Shape.JSON;
        }
        String name = null;
        if (type.isTextual()) {
            name = type.asText();
        } else if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.isTextual()) {
                    return null;
                }
                if (!"null".equals(t.asText())) {
                    if (name != null) {
                        return null; // a union: inference writes none
                    }
                    name = t.asText();
                }
            }
        }
        if (name == null) {
            return null;
        }
        switch (name) {
            case "integer":
                return "int32".equals(schema.path("format").asText()) ? Shape.INT : Shape.LONG;
            case "number":
                return Shape.DOUBLE;
            case "boolean":
                return Shape.BOOL;
            case "string":
                return Shape.TEXT;
            case "array": {
                Shape element = shapeOf(schema.get("items"), depth + 1);
                return element == null ? null : new Shape.Array(element);
            }
            case "object": {
                JsonNode extra = schema.get("additionalProperties");
                if (extra != null && !extra.isBoolean()) {
                    return null; // a map
                }
                Map<String, Shape> fields = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Shape field = shapeOf(e.getValue(), depth + 1);
                    if (field == null || Shape.isOverflow(e.getKey())) {
                        return null;
                    }
                    fields.put(e.getKey(), field);
                }
                return new Shape.Obj(fields);
            }
            default:
                return null;
        }
    }

    private static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }
}
