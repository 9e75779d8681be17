package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Batching, concurrency, buffering and rate limiting of PutEvents requests. */
public final class DeliveryConfig {
    public static final String GROUP = "Delivery";

    /** PutEvents accepts at most 10 entries per request. */
    public static final int MAX_ENTRIES_PER_REQUEST = 10;
    /** EventBridge's request size ceiling since January 2026 (1 MiB); the classic limit is 256 KiB. */
    public static final int MAX_REQUEST_BYTES_CEILING = 1024 * 1024;

    public static final String BATCH_MAX_BYTES_CONFIG = "batch.max.bytes";
    public static final String BATCH_MAX_BYTES_DOC = "Largest PutEvents request, in bytes as EventBridge "
            + "counts them (Time 14 bytes if set, plus the UTF-8 bytes of Source, DetailType, Detail and each "
            + "Resource, summed over the entries). 262144 (256 KiB) is the classic limit; buses that accept "
            + "1 MB events allow up to 1048576.";
    public static final int BATCH_MAX_BYTES_DEFAULT = 256 * 1024;
    public static final String BATCH_MAX_BYTES_DISPLAY = "Max request bytes";

    public static final String BATCH_MAX_ENTRIES_CONFIG = "batch.max.entries";
    public static final String BATCH_MAX_ENTRIES_DOC = "Most entries per PutEvents request (1-10).";
    public static final int BATCH_MAX_ENTRIES_DEFAULT = MAX_ENTRIES_PER_REQUEST;
    public static final String BATCH_MAX_ENTRIES_DISPLAY = "Max entries per request";

    public static final String MAX_IN_FLIGHT_CONFIG = "max.in.flight.requests";
    public static final String MAX_IN_FLIGHT_DOC = "PutEvents requests a task may have outstanding at once: the "
            + "ceiling of the adaptive window (in.flight.window=adaptive), or the window itself (fixed).";
    public static final int MAX_IN_FLIGHT_DEFAULT = 16;
    public static final String MAX_IN_FLIGHT_DISPLAY = "Max in-flight requests";

    public static final String WINDOW_CONFIG = "in.flight.window";
    public static final String WINDOW_DOC = "adaptive: the task's window of outstanding PutEvents requests halves "
            + "when requests (or half a request's entries) are throttled, at most once per round trip, and grows "
            + "by 0.1 request per round trip while responses are clean, up to max.in.flight.requests; below one request "
            + "it paces starts. Tasks sharing an account's quota converge to fair shares, and the quota is not run into "
            + "the ground for the account's other producers. fixed: always max.in.flight.requests. Throttled entries "
            + "are retried either way.";
    public static final String WINDOW_DEFAULT = "adaptive";
    public static final String WINDOW_DISPLAY = "In-flight window";

    public static final String QUOTA_CONFIG = "quota.account.requests.per.second";
    public static final String QUOTA_DOC = "The account's PutEvents quota in this region, in requests per second "
            + "(see Service Quotas), for quota.connector.share.percent; 0: no cap.";
    public static final int QUOTA_DEFAULT = 0;
    public static final String QUOTA_DISPLAY = "Account PutEvents quota (requests/s)";

    public static final String QUOTA_SHARE_CONFIG = "quota.connector.share.percent";
    public static final String QUOTA_SHARE_DOC = "The most of quota.account.requests.per.second this connector "
            + "uses, split evenly over its tasks (retries included), so other producers in the account keep the rest.";
    public static final int QUOTA_SHARE_DEFAULT = 100;
    public static final String QUOTA_SHARE_DISPLAY = "Connector's share of the quota (%)";

    public static final String BUFFER_MAX_RECORDS_CONFIG = "buffer.max.records";
    public static final String BUFFER_MAX_RECORDS_DOC = "Records a task holds that are not yet delivered "
            + "(queued, in flight or waiting to retry). Above it put() waits, then pauses consumption.";
    public static final int BUFFER_MAX_RECORDS_DEFAULT = 10_000;
    public static final String BUFFER_MAX_RECORDS_DISPLAY = "Max buffered records";

    public static final String BUFFER_MAX_BYTES_CONFIG = "buffer.max.bytes";
    public static final String BUFFER_MAX_BYTES_DOC =
            "Entry bytes a task holds that are not yet delivered; " + "the byte counterpart of buffer.max.records.";
    public static final long BUFFER_MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
    public static final String BUFFER_MAX_BYTES_DISPLAY = "Max buffered bytes";

    public static final String PUT_MAX_BLOCK_MS_CONFIG = "put.max.block.ms";
    public static final String PUT_MAX_BLOCK_MS_DOC = "How long put() waits for room in a full buffer before "
            + "it pauses the task's partitions instead (they resume once the buffer has room). Keep it well "
            + "below the consumer's max.poll.interval.ms.";
    public static final long PUT_MAX_BLOCK_MS_DEFAULT = 10_000L;
    public static final String PUT_MAX_BLOCK_MS_DISPLAY = "put() max block (ms)";

    public static final String RATE_LIMIT_CONFIG = "rate.limit.events.per.second";
    public static final String RATE_LIMIT_DOC = "Most events per second a task sends (retries included); "
            + "0 means no limit. Use it to stay under an account's PutEvents quota.";
    public static final int RATE_LIMIT_DEFAULT = 0;
    public static final String RATE_LIMIT_DISPLAY = "Rate limit (events/s per task)";

    private DeliveryConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(BATCH_MAX_BYTES_CONFIG, Type.INT)
                .defaultValue(BATCH_MAX_BYTES_DEFAULT)
                .validator(Range.between(1024, MAX_REQUEST_BYTES_CEILING))
                .importance(Importance.MEDIUM)
                .doc(BATCH_MAX_BYTES_DOC)
                .display(BATCH_MAX_BYTES_DISPLAY)
                .define()
                .key(BATCH_MAX_ENTRIES_CONFIG, Type.INT)
                .defaultValue(BATCH_MAX_ENTRIES_DEFAULT)
                .validator(Range.between(1, MAX_ENTRIES_PER_REQUEST))
                .importance(Importance.LOW)
                .doc(BATCH_MAX_ENTRIES_DOC)
                .display(BATCH_MAX_ENTRIES_DISPLAY)
                .define()
                .key(MAX_IN_FLIGHT_CONFIG, Type.INT)
                .defaultValue(MAX_IN_FLIGHT_DEFAULT)
                .validator(Range.between(1, 256))
                .importance(Importance.MEDIUM)
                .doc(MAX_IN_FLIGHT_DOC)
                .display(MAX_IN_FLIGHT_DISPLAY)
                .define()
                .key(WINDOW_CONFIG, Type.STRING)
                .defaultValue(WINDOW_DEFAULT)
                .validator(EnumValues.of(WindowMode.class))
                .recommender(EnumValues.of(WindowMode.class))
                .importance(Importance.LOW)
                .doc(WINDOW_DOC)
                .display(WINDOW_DISPLAY)
                .define()
                .key(QUOTA_CONFIG, Type.INT)
                .defaultValue(QUOTA_DEFAULT)
                .validator(Range.atLeast(0))
                .importance(Importance.LOW)
                .doc(QUOTA_DOC)
                .display(QUOTA_DISPLAY)
                .dependents(QUOTA_SHARE_CONFIG)
                .define()
                .key(QUOTA_SHARE_CONFIG, Type.INT)
                .defaultValue(QUOTA_SHARE_DEFAULT)
                .validator(Range.between(1, 100))
                .importance(Importance.LOW)
                .doc(QUOTA_SHARE_DOC)
                .display(QUOTA_SHARE_DISPLAY)
                .define()
                .key(BUFFER_MAX_RECORDS_CONFIG, Type.INT)
                .defaultValue(BUFFER_MAX_RECORDS_DEFAULT)
                .validator(Range.between(10, 1_000_000))
                .importance(Importance.LOW)
                .doc(BUFFER_MAX_RECORDS_DOC)
                .display(BUFFER_MAX_RECORDS_DISPLAY)
                .define()
                .key(BUFFER_MAX_BYTES_CONFIG, Type.LONG)
                .defaultValue(BUFFER_MAX_BYTES_DEFAULT)
                .validator(Range.atLeast(MAX_REQUEST_BYTES_CEILING))
                .importance(Importance.LOW)
                .doc(BUFFER_MAX_BYTES_DOC)
                .display(BUFFER_MAX_BYTES_DISPLAY)
                .define()
                .key(PUT_MAX_BLOCK_MS_CONFIG, Type.LONG)
                .defaultValue(PUT_MAX_BLOCK_MS_DEFAULT)
                .validator(Range.between(0, 300_000))
                .importance(Importance.LOW)
                .doc(PUT_MAX_BLOCK_MS_DOC)
                .display(PUT_MAX_BLOCK_MS_DISPLAY)
                .define()
                .key(RATE_LIMIT_CONFIG, Type.INT)
                .defaultValue(RATE_LIMIT_DEFAULT)
                .validator(Range.atLeast(0))
                .importance(Importance.LOW)
                .doc(RATE_LIMIT_DOC)
                .display(RATE_LIMIT_DISPLAY)
                .define();
        return def;
    }
}
