package io.eventbridge.kafka.cloudevents.config;

import io.eventbridge.kafka.cloudevents.attributes.AttributeTemplates;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Rejects an attribute template with an unknown placeholder or a bad JSON path, at config time. */
final class TemplateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        try {
            AttributeTemplates.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "template: ${uuid}, ${topic}, ${header:NAME}, ${json:$.path}, ${schema.name}";
    }
}
