package io.eventbridge.kafka.sink.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a string field of an event (Source, DetailType, a Resource) is computed from a record.
 *
 * <ul>
 *   <li>a JSON path into the record value, when the whole expression is one: {@code $.metadata.type};</li>
 *   <li>otherwise a template: literal text with placeholders {@code ${topic}}, {@code ${partition}},
 *       {@code ${offset}}, {@code ${key}}, {@code ${header:NAME}} and {@code ${json:$.path}}. A header is
 *       thereby {@code ${header:NAME}} alone.</li>
 * </ul>
 * A template whose placeholder has no value (missing header, path or key) evaluates to null.
 */
public final class Expression {
    private final String text;
    private final List<Part> parts;

    private interface Part {
        String eval(RecordView record);
    }

    private Expression(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param constants extra placeholders with a fixed value, e.g. {@code connector.id}
     * @throws IllegalArgumentException naming the bad placeholder or path
     */
    public static Expression parse(String text, Map<String, String> constants) {
        if (JsonPath.looksLikePath(text)) {
            JsonPath path = JsonPath.parse(text);
            return new Expression(text, List.of(r -> JsonRenderer.asText(path.read(r.value()))));
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                String literal = text.substring(i);
                parts.add(r -> literal);
                break;
            }
            if (open > i) {
                String literal = text.substring(i, open);
                parts.add(r -> literal);
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Template '" + text + "' has an unclosed '${' at position " + open);
            }
            parts.add(placeholder(text, text.substring(open + 2, close).trim(), constants));
            i = close + 1;
        }
        return new Expression(text, List.copyOf(parts));
    }

    private static Part placeholder(String text, String name, Map<String, String> constants) {
        if (constants.containsKey(name)) {
            String value = constants.get(name);
            return r -> value;
        }
        switch (name) {
            case "topic":
                return r -> r.record().topic();
            case "partition":
                return r -> String.valueOf(r.record().kafkaPartition());
            case "offset":
                return r -> String.valueOf(r.record().kafkaOffset());
            case "key":
                return r -> r.record().key() == null ? null : JsonRenderer.asText(r.key());
            default:
                break;
        }
        if (name.startsWith("header:") && name.length() > "header:".length()) {
            String header = name.substring("header:".length());
            return r -> r.header(header);
        }
        if (name.startsWith("json:")) {
            JsonPath path = JsonPath.parse(name.substring("json:".length()));
            return r -> JsonRenderer.asText(path.read(r.value()));
        }
        throw new IllegalArgumentException("Template '" + text + "' has an unknown placeholder ${" + name
            + "}; known: ${topic}, ${partition}, ${offset}, ${key}, ${header:NAME}, ${json:$.path}"
            + (constants.isEmpty() ? "" : ", " + String.join(", ", constants.keySet().stream()
                .map(k -> "${" + k + "}").toList())));
    }

    /** The value for this record, or null when a part of it has none. */
    public String evaluate(RecordView record) {
        if (parts.size() == 1) {
            return parts.get(0).eval(record);
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String value = part.eval(record);
            if (value == null) {
                return null;
            }
            out.append(value);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
