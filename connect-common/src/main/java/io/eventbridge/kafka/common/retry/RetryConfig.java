package io.eventbridge.kafka.common.retry;

import io.eventbridge.kafka.common.config.ConfigGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Config fragment for the shared {@link RetryPolicy}; both connectors add it to their ConfigDef. */
public final class RetryConfig {
    public static final String GROUP = "Retries";

    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_INITIAL_MS_DOC = "Ceiling of the first retry's delay. "
            + "Each retry doubles the ceiling up to retry.backoff.max.ms; the actual delay is drawn uniformly "
            + "between 0 and the ceiling (full jitter).";
    public static final long RETRY_BACKOFF_INITIAL_MS_DEFAULT = 100L;
    public static final String RETRY_BACKOFF_INITIAL_MS_DISPLAY = "Initial backoff (ms)";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "Largest ceiling of a retry's delay.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 10_000L;
    public static final String RETRY_BACKOFF_MAX_MS_DISPLAY = "Maximum backoff (ms)";

    public static final String RETRY_DEADLINE_MS_CONFIG = "retry.deadline.ms";
    public static final String RETRY_DEADLINE_MS_DOC = "How long, from its first attempt, a failed "
            + "operation is retried. Once no retry can start before the deadline, the failure follows "
            + "errors.tolerance: the task fails (none) or the record is dead-lettered (all). 0 disables retries.";
    public static final long RETRY_DEADLINE_MS_DEFAULT = Duration.ofMinutes(5).toMillis();
    public static final String RETRY_DEADLINE_MS_DISPLAY = "Retry deadline (ms)";

    private RetryConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(RETRY_BACKOFF_INITIAL_MS_CONFIG, Type.LONG)
                .defaultValue(RETRY_BACKOFF_INITIAL_MS_DEFAULT)
                .validator(Range.between(0, Duration.ofMinutes(10).toMillis()))
                .importance(Importance.LOW)
                .doc(RETRY_BACKOFF_INITIAL_MS_DOC)
                .display(RETRY_BACKOFF_INITIAL_MS_DISPLAY)
                .define()
                .key(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG)
                .defaultValue(RETRY_BACKOFF_MAX_MS_DEFAULT)
                .validator(Range.between(0, Duration.ofHours(1).toMillis()))
                .importance(Importance.LOW)
                .doc(RETRY_BACKOFF_MAX_MS_DOC)
                .display(RETRY_BACKOFF_MAX_MS_DISPLAY)
                .define()
                .key(RETRY_DEADLINE_MS_CONFIG, Type.LONG)
                .defaultValue(RETRY_DEADLINE_MS_DEFAULT)
                .validator(Range.atLeast(0))
                .importance(Importance.MEDIUM)
                .doc(RETRY_DEADLINE_MS_DOC)
                .display(RETRY_DEADLINE_MS_DISPLAY)
                .define();
        return def;
    }

    /** The policy the config describes; a max backoff below the initial one is raised to it. */
    public static RetryPolicy policy(AbstractConfig config) {
        long initial = config.getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG);
        long max = Math.max(initial, config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
        return new RetryPolicy(
                Duration.ofMillis(initial),
                Duration.ofMillis(max),
                Duration.ofMillis(config.getLong(RETRY_DEADLINE_MS_CONFIG)));
    }
}
