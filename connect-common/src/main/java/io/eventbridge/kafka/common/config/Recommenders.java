package io.eventbridge.kafka.common.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Recommenders shared by the connectors' config fragments. */
public final class Recommenders {
    private Recommenders() {}

    /** Shows a key only once {@code parent} has a non-blank value (e.g. S3 keys once a bucket is set). */
    public static ConfigDef.Recommender visibleWhenSet(String parent) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.of();
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                Object value = parsedConfig.get(parent);
                return value != null && !value.toString().isBlank();
            }
        };
    }
}
