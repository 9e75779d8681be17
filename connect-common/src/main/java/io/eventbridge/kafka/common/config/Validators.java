package io.eventbridge.kafka.common.config;

import org.apache.kafka.common.config.ConfigDef;

/** Validators the framework lacks. */
public final class Validators {
    private Validators() {
    }

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
}
