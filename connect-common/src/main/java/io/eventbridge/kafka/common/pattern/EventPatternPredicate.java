package io.eventbridge.kafka.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A Connect predicate that is true for records whose value an EventBridge event pattern matches, for the Filter SMT
 * or any transform, with any connector: {@code predicates.orders.type=io.eventbridge.kafka.common.pattern
 * .EventPatternPredicate}, {@code predicates.orders.pattern={"status":["Placed"]}}. The value may be a Struct, a map
 * (schemaless JSON), or JSON text or bytes; it is matched as a JSON object, with AWS event-ruler. A value that is no
 * JSON object (null, a number, text that is not JSON) matches nothing.
 */
public class EventPatternPredicate<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {
    public static final String PATTERN_CONFIG = "pattern";
    public static final String PATTERN_DOC =
            "The EventBridge event pattern, matched against the record's value as a " + "JSON object.";
    public static final String PATTERN_DISPLAY = "Event pattern";

    public static final ConfigDef CONFIG_DEF = configDef();

    private EventPatterns<String> pattern;

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        new ConfigGroup(def, "Event pattern")
                .key(PATTERN_CONFIG, Type.STRING)
                .validator(EventPatterns.validator())
                .importance(Importance.HIGH)
                .doc(PATTERN_DOC)
                .display(PATTERN_DISPLAY)
                .define();
        return def;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        pattern = EventPatterns.of(new AbstractConfig(CONFIG_DEF, configs).getString(PATTERN_CONFIG));
    }

    @Override
    public boolean test(R record) {
        JsonNode value = json(record);
        if (value == null || !value.isObject()) {
            return false;
        }
        try {
            return pattern.anyMatch(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode json(ConnectRecord<?> record) {
        Object value = record.value();
        try {
            if (value instanceof String text) {
                return JsonRenderer.MAPPER.readTree(text);
            }
            if (value instanceof byte[] bytes) {
                return JsonRenderer.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return null;
        }
        return value == null ? null : JsonRenderer.render(record.valueSchema(), value);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {}
}
