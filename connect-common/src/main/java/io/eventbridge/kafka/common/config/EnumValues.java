package io.eventbridge.kafka.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validator and recommender for a config key whose values are the constants of an enum, written in
 * lower case with dashes ({@code TEMPLATE_OR_PATH} is {@code template-or-path}).
 */
public final class EnumValues<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {
    private final Class<E> type;

    private EnumValues(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E>> EnumValues<E> of(Class<E> type) {
        return new EnumValues<>(type);
    }

    public static String configName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public E parse(String value) {
        for (E constant : type.getEnumConstants()) {
            if (configName(constant).equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(value);
    }

    public List<String> names() {
        return Arrays.stream(type.getEnumConstants())
                .map(EnumValues::configName)
                .toList();
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "must be one of " + names());
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(names());
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", names());
    }
}
