package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.Validators;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * AWS sink keys that have no key of their own here: accepted so that AWS sink configs run
 * unchanged, with the meaning documented on each.
 */
public final class CompatConfig {
    public static final String GROUP = "AWS sink compatibility";

    public static final String RETRIES_MAX_CONFIG = "aws.eventbridge.retries.max";
    public static final String RETRIES_MAX_DOC = "AWS sink key, accepted and not used: a fixed retry count is "
            + "what made the AWS sink dead-letter or drop throttled events. Retries here run until "
            + "retry.deadline.ms instead; set that to bound them.";
    public static final String RETRIES_MAX_DISPLAY = "Retries (AWS sink, unused)";

    public static final String RETRIES_DELAY_CONFIG = "aws.eventbridge.retries.delay";
    public static final String RETRIES_DELAY_DOC = "AWS sink key. When set and retry.backoff.initial.ms is "
            + "not, it is used as retry.backoff.initial.ms (the first backoff ceiling) instead of a constant delay.";
    public static final String RETRIES_DELAY_DISPLAY = "Retry delay (AWS sink)";

    public static final String TIME_MAPPER_CONFIG = "aws.eventbridge.time.mapper.class";
    public static final String TIME_MAPPER_DOC = "AWS sink key for a custom TimeMapper class. That interface "
            + "belongs to the AWS sink's code, so a class cannot be honoured here and validation rejects it; use "
            + "event.time and event.time.field.";
    public static final String TIME_MAPPER_DISPLAY = "Time mapper class (AWS sink, unsupported)";

    private CompatConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(RETRIES_MAX_CONFIG, Type.INT)
                .defaultValue(null)
                .validator(Validators.nullOr(Range.atLeast(0)))
                .importance(Importance.LOW)
                .doc(RETRIES_MAX_DOC)
                .display(RETRIES_MAX_DISPLAY)
                .define()
                .key(RETRIES_DELAY_CONFIG, Type.LONG)
                .defaultValue(null)
                .validator(Validators.nullOr(Range.atLeast(0)))
                .importance(Importance.LOW)
                .doc(RETRIES_DELAY_DOC)
                .display(RETRIES_DELAY_DISPLAY)
                .define()
                .key(TIME_MAPPER_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(TIME_MAPPER_DOC)
                .display(TIME_MAPPER_DISPLAY)
                .define();
        return def;
    }
}
