package io.eventbridge.kafka.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators the framework lacks. */
public final class Validators {
    private Validators() {}

    /** Accepts null (an unset optional key); otherwise defers to {@code inner}. */
    public static ConfigDef.Validator nullOr(ConfigDef.Validator inner) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    inner.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return inner + " or unset";
            }
        };
    }

    /**
     * Accepts a value whose text (trimmed) matches {@code regex}; a null value only when {@code allowUnset}, and
     * then a blank one too.
     *
     * @param problem what the refusal says, e.g. "an AWS account id has 12 digits"
     * @param described what the config docs show as valid values
     */
    public static ConfigDef.Validator matching(String regex, boolean allowUnset, String problem, String described) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (allowUnset && (value == null || value.toString().isBlank())) {
                    return;
                }
                if (value == null || !value.toString().trim().matches(regex)) {
                    throw new ConfigException(name, value, problem);
                }
            }

            @Override
            public String toString() {
                return described;
            }
        };
    }
}
