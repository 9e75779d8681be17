package io.eventbridge.kafka.sink.mapping;

import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.common.template.Template;
import java.util.Map;
import java.util.function.Function;

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
    private final Template<RecordView> template;

    private Expression(String text, Template<RecordView> template) {
        this.text = text;
        this.template = template;
    }

    /**
     * @param constants extra placeholders with a fixed value, e.g. {@code connector.id}
     * @throws IllegalArgumentException naming the bad placeholder or path
     */
    public static Expression parse(String text, Map<String, String> constants) {
        if (JsonPath.looksLikePath(text)) {
            JsonPath path = JsonPath.parse(text);
            Function<RecordView, String> read = r -> JsonRenderer.asText(path.read(r.value()));
            return new Expression(text, Template.parse("${path}", name -> read));
        }
        return new Expression(text, Template.parse(text, name -> placeholder(name, constants)));
    }

    private static Function<RecordView, String> placeholder(String name, Map<String, String> constants) {
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
        throw new IllegalArgumentException("unknown placeholder ${" + name
                + "}; known: ${topic}, ${partition}, ${offset}, ${key}, ${header:NAME}, ${json:$.path}"
                + (constants.isEmpty()
                        ? ""
                        : ", "
                                + String.join(
                                        ", ",
                                        constants.keySet().stream()
                                                .map(k -> "${" + k + "}")
                                                .toList())));
    }

    /** The value for this record, or null when a part of it has none. */
    public String evaluate(RecordView record) {
        return template.evaluate(record);
    }

    @Override
    public String toString() {
        return text;
    }
}
