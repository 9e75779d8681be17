package io.eventbridge.kafka.common.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Recommender;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * A named group of config keys that numbers its keys in the order they are defined, so every key
 * gets its group, {@code orderInGroup}, width and display name without long positional calls.
 *
 * <pre>{@code
 * ConfigGroup g = new ConfigGroup(def, "Retries");
 * g.key(RETRY_DEADLINE_MS_CONFIG, Type.LONG).defaultValue(RETRY_DEADLINE_MS_DEFAULT)
 *     .validator(ConfigDef.Range.atLeast(0)).importance(Importance.MEDIUM)
 *     .doc(RETRY_DEADLINE_MS_DOC).display(RETRY_DEADLINE_MS_DISPLAY).define();
 * }</pre>
 */
public final class ConfigGroup {
    private final ConfigDef def;
    private final String name;
    private int order;

    public ConfigGroup(ConfigDef def, String name) {
        this.def = def;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Key key(String keyName, Type type) {
        return new Key(keyName, type);
    }

    /** One key under construction; {@link #define()} adds it to the group's {@link ConfigDef}. */
    public final class Key {
        private final String keyName;
        private final Type type;
        private Object defaultValue = ConfigDef.NO_DEFAULT_VALUE;
        private Validator validator;
        private Importance importance = Importance.MEDIUM;
        private String doc = "";
        private Width width = Width.MEDIUM;
        private String display;
        private List<String> dependents = List.of();
        private Recommender recommender;

        private Key(String keyName, Type type) {
            this.keyName = keyName;
            this.type = type;
            this.display = keyName;
        }

        public Key defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Key validator(Validator value) {
            this.validator = value;
            return this;
        }

        public Key importance(Importance value) {
            this.importance = value;
            return this;
        }

        public Key doc(String value) {
            this.doc = value;
            return this;
        }

        public Key width(Width value) {
            this.width = value;
            return this;
        }

        public Key display(String value) {
            this.display = value;
            return this;
        }

        public Key dependents(String... keys) {
            this.dependents = List.of(keys);
            return this;
        }

        public Key recommender(Recommender value) {
            this.recommender = value;
            return this;
        }

        public ConfigGroup define() {
            def.define(
                    keyName,
                    type,
                    defaultValue,
                    validator,
                    importance,
                    doc,
                    name,
                    ++order,
                    width,
                    display,
                    dependents,
                    recommender);
            return ConfigGroup.this;
        }
    }
}
