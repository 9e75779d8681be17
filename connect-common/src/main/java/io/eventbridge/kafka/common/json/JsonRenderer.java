package io.eventbridge.kafka.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Renders Connect data as schemaless JSON.
 *
 * <ul>
 *   <li>Struct and Map: JSON objects (map keys as text); arrays: JSON arrays.</li>
 *   <li>Decimal: an exact JSON number. Date: {@code "2024-05-01"}. Time: {@code "13:45:00.250"}.
 *       Timestamp and {@link Date}: ISO-8601 UTC, {@code "2024-05-01T13:45:00.250Z"}.</li>
 *   <li>A string holding a JSON object or array (for example from StringConverter) is embedded as
 *       JSON; any other string stays a string.</li>
 *   <li>Bytes holding a JSON document are embedded as JSON; other bytes become base64 text.</li>
 *   <li>NaN and infinite floats, which JSON cannot hold, become the strings "NaN", "Infinity".</li>
 * </ul>
 */
public final class JsonRenderer {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRenderer() {}

    public static JsonNode render(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (schema != null && schema.name() != null) {
            JsonNode logical = renderLogical(schema.name(), value);
            if (logical != null) {
                return logical;
            }
        }
        if (value instanceof Struct struct) {
            ObjectNode node = NODES.objectNode();
            for (Field field : struct.schema().fields()) {
                node.set(field.name(), render(field.schema(), struct.get(field)));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            Schema keySchema = schema == null ? null : schema.keySchema();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            ObjectNode node = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                node.set(mapKey(keySchema, e.getKey()), render(valueSchema, e.getValue()));
            }
            return node;
        }
        if (value instanceof Collection<?> list) {
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            ArrayNode node = NODES.arrayNode(list.size());
            for (Object item : list) {
                node.add(render(valueSchema, item));
            }
            return node;
        }
        return renderScalar(value);
    }

    /**
     * Writes the same JSON that {@link #render} builds, straight to a generator, without building a
     * tree: the per-record path of the default envelope Detail.
     */
    public static void write(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        if (schema != null && schema.name() != null) {
            JsonNode logical = renderLogical(schema.name(), value);
            if (logical != null) {
                out.writeTree(logical);
                return;
            }
        }
        if (value instanceof Struct struct) {
            out.writeStartObject();
            for (Field field : struct.schema().fields()) {
                out.writeFieldName(field.name());
                write(out, field.schema(), struct.get(field));
            }
            out.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            Schema keySchema = schema == null ? null : schema.keySchema();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(mapKey(keySchema, e.getKey()));
                write(out, valueSchema, e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            out.writeStartArray();
            for (Object item : list) {
                write(out, valueSchema, item);
            }
            out.writeEndArray();
        } else if (value instanceof String s && !looksLikeJson(s)) {
            out.writeString(s);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeTree(renderScalar(value)); // JSON text, bytes, floats, decimals, dates: rarer, via a node
        }
    }

    private static boolean looksLikeJson(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[');
    }

    private static JsonNode renderLogical(String name, Object value) {
        switch (name) {
            case Decimal.LOGICAL_NAME:
                return value instanceof BigDecimal d ? NODES.numberNode(d) : null;
            case org.apache.kafka.connect.data.Date.LOGICAL_NAME:
                return value instanceof Date d
                        ? NODES.textNode(LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC)
                                .toString())
                        : null;
            case Time.LOGICAL_NAME:
                return value instanceof Date d
                        ? NODES.textNode(LocalTime.ofNanoOfDay((d.getTime() % 86_400_000L) * 1_000_000L)
                                .toString())
                        : null;
            case Timestamp.LOGICAL_NAME:
                return value instanceof Date d ? NODES.textNode(d.toInstant().toString()) : null;
            default:
                return null;
        }
    }

    private static JsonNode renderScalar(Object value) {
        if (value instanceof String s) {
            return embeddedJson(s);
        }
        if (value instanceof byte[] bytes) {
            return bytes(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes(bytes);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Date d) {
            return NODES.textNode(d.toInstant().toString());
        }
        if (value instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        throw new DataException(
                "Cannot render a value of type " + value.getClass().getName() + " as JSON");
    }

    private static JsonNode embeddedJson(String s) {
        if (looksLikeJson(s)) {
            try {
                return MAPPER.readTree(s);
            } catch (JsonProcessingException e) {
                // not JSON after all: keep it as text
            }
        }
        return NODES.textNode(s);
    }

    private static JsonNode bytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i < bytes.length && (bytes[i] == '{' || bytes[i] == '[' || bytes[i] == '"')) {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                // not JSON: fall through to base64
            }
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }

    private static String mapKey(Schema keySchema, Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof String s) {
            return s;
        }
        JsonNode node = render(keySchema, key);
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** A JSON value as the text a template or field gets: strings unquoted, everything else as JSON. */
    public static String asText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
