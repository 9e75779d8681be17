package io.eventbridge.kafka.cloudevents.attributes;

import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.common.template.Template;
import java.util.UUID;
import java.util.function.Function;

/**
 * The placeholders of attribute templates: {@code ${uuid}}, {@code ${topic}}, {@code ${header:NAME}},
 * {@code ${json:$.path}} and {@code ${schema.name}}.
 */
public final class AttributeTemplates {
    private AttributeTemplates() {}

    /** @throws IllegalArgumentException for an unknown placeholder or a bad path */
    public static Template<ConversionContext> parse(String text) {
        return Template.parse(text, AttributeTemplates::placeholder);
    }

    private static Function<ConversionContext, String> placeholder(String name) {
        switch (name) {
            case "uuid":
                return c -> UUID.randomUUID().toString();
            case "topic":
                return ConversionContext::topic;
            case "schema.name":
                return c -> c.schema() == null ? null : c.schema().name();
            default:
                break;
        }
        if (name.startsWith("header:") && name.length() > "header:".length()) {
            String header = name.substring("header:".length());
            return c -> c.header(header);
        }
        if (name.startsWith("json:")) {
            JsonPath path = JsonPath.parse(name.substring("json:".length()));
            return c -> JsonRenderer.asText(path.read(c.tree()));
        }
        throw new IllegalArgumentException("unknown placeholder ${" + name
                + "}; known: ${uuid}, ${topic}, ${header:NAME}, ${json:$.path}, ${schema.name}");
    }
}
