package io.eventbridge.kafka.schema.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Shape} as compact JSON text, to keep in Connect's source offsets: {@code "i"}, {@code "l"},
 * {@code "d"}, {@code "b"}, {@code "s"}, {@code "j"} (text holding any JSON), {@code "?"}, {@code ["[]", element]} and
 * {@code ["{}", [name, shape], ...]} (an array, so that the field order, which decides the Avro-safe names,
 * survives).
 */
public final class ShapeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapeJson() {}

    public static String write(Shape shape) {
        return tree(shape).toString();
    }

    private static JsonNode tree(Shape shape) {
        if (shape instanceof Shape.Array a) {
            return JSON.createArrayNode().add("[]").add(tree(a.element()));
        }
        if (shape instanceof Shape.Obj o) {
            ArrayNode out = JSON.createArrayNode().add("{}");
            o.fields()
                    .forEach((name, field) ->
                            out.add(JSON.createArrayNode().add(name).add(tree(field))));
            return out;
        }
        String code = shape instanceof Shape.Int
                ? "i"
                : shape instanceof Shape.Long
                        ? "l"
                        : shape instanceof Shape.Double
                                ? "d"
                                : shape instanceof Shape.Bool
                                        ? "b"
                                        : shape instanceof Shape.Text ? "s" : shape instanceof Shape.Json ? "j" : "?";
        return JSON.getNodeFactory().textNode(code);
    }

    /** @throws IllegalArgumentException if the text is not a shape written by {@link #write} */
    public static Shape read(String text) {
        try {
            return shape(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored schema shape: " + e.getOriginalMessage(), e);
        }
    }

    private static Shape shape(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "i" -> Shape.INT;
                case "l" -> Shape.LONG;
                case "d" -> Shape.DOUBLE;
                case "b" -> Shape.BOOL;
                case "s" -> Shape.TEXT;
                case "j" -> Shape.JSON;
                case "?" -> Shape.UNKNOWN;
                default -> throw new IllegalArgumentException("unknown shape code " + node);
            };
        }
        if (node.isArray() && node.size() == 2 && "[]".equals(node.get(0).asText())) {
            return new Shape.Array(shape(node.get(1)));
        }
        if (node.isArray() && node.size() >= 1 && "{}".equals(node.get(0).asText())) {
            Map<String, Shape> fields = new LinkedHashMap<>();
            for (int i = 1; i < node.size(); i++) {
                JsonNode field = node.get(i);
                if (!field.isArray() || field.size() != 2 || !field.get(0).isTextual()) {
                    throw new IllegalArgumentException("not a field of a stored shape: " + field);
                }
                fields.put(field.get(0).asText(), shape(field.get(1)));
            }
            return new Shape.Obj(fields);
        }
        throw new IllegalArgumentException("not a stored shape: " + node);
    }
}
