package io.eventbridge.kafka.source.config;

/** What becomes the Kafka record value ({@code value.mode}). */
public enum ValueMode {
    /** The whole EventBridge event: version, id, detail-type, source, account, time, region, resources, detail. */
    ENVELOPE,
    /** The detail alone. */
    DETAIL,
    /** A CloudEvent Struct through the cloudevents-converter mapping (pair it with the CloudEvents converter). */
    CLOUDEVENT
}
