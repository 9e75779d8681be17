package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.Recommenders;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** S3 claim-check offloading of large events; the keys show only once a bucket is set. */
public final class OffloadConfig {
    public static final String GROUP = "S3 offloading";

    public static final String BUCKET_CONFIG = "aws.eventbridge.offloading.default.s3.bucket";
    public static final String BUCKET_DOC = "S3 bucket that large events are offloaded to (claim check). "
            + "Unset: no offloading, and an entry larger than batch.max.bytes is reported as EntryTooLarge. "
            + "(AWS sink key; unlike the AWS sink, only entries over offload.threshold.bytes are offloaded.)";
    public static final String BUCKET_DISPLAY = "Offload bucket";

    public static final String FIELDREF_CONFIG = "aws.eventbridge.offloading.default.fieldref";
    public static final String FIELDREF_DOC = "JSON path, into the event {\"detail\": ...}, of the part to "
            + "offload. It is replaced by \"dataref\" (the S3 object ARN) and \"datarefJsonPath\" in the Detail. "
            + "Must start with $.detail. (AWS sink key.)";
    public static final String FIELDREF_DEFAULT = "$.detail.value";
    public static final String FIELDREF_DISPLAY = "Offloaded part";

    public static final String S3_ENDPOINT_CONFIG = "aws.eventbridge.offloading.default.s3.endpoint.uri";
    public static final String S3_ENDPOINT_DOC = "S3 endpoint instead of the region's default (path-style "
            + "addressing is used when set). (AWS sink key.)";
    public static final String S3_ENDPOINT_DISPLAY = "S3 endpoint URI";

    public static final String THRESHOLD_CONFIG = "offload.threshold.bytes";
    public static final String THRESHOLD_DOC = "Entries larger than this (PutEvents size formula) are offloaded; "
            + "smaller ones are sent whole. At most batch.max.bytes.";
    public static final int THRESHOLD_DEFAULT = 256 * 1024;
    public static final String THRESHOLD_DISPLAY = "Offload threshold (bytes)";

    private OffloadConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        ConfigDef.Recommender whenBucket = Recommenders.visibleWhenSet(BUCKET_CONFIG);
        new ConfigGroup(def, GROUP)
                .key(BUCKET_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.MEDIUM)
                .doc(BUCKET_DOC)
                .display(BUCKET_DISPLAY)
                .dependents(FIELDREF_CONFIG, S3_ENDPOINT_CONFIG, THRESHOLD_CONFIG)
                .define()
                .key(FIELDREF_CONFIG, Type.STRING)
                .defaultValue(FIELDREF_DEFAULT)
                .importance(Importance.LOW)
                .doc(FIELDREF_DOC)
                .display(FIELDREF_DISPLAY)
                .recommender(whenBucket)
                .define()
                .key(S3_ENDPOINT_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(S3_ENDPOINT_DOC)
                .display(S3_ENDPOINT_DISPLAY)
                .width(Width.LONG)
                .recommender(whenBucket)
                .define()
                .key(THRESHOLD_CONFIG, Type.INT)
                .defaultValue(THRESHOLD_DEFAULT)
                .validator(Range.between(0, DeliveryConfig.MAX_REQUEST_BYTES_CEILING))
                .importance(Importance.LOW)
                .doc(THRESHOLD_DOC)
                .display(THRESHOLD_DISPLAY)
                .recommender(whenBucket)
                .define();
        return def;
    }
}
