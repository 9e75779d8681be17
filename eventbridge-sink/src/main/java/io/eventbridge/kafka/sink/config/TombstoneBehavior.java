package io.eventbridge.kafka.sink.config;

/** What a record with a null value becomes. */
public enum TombstoneBehavior {
    /** Sent as an event: "value": null in the envelope, an empty object {} as Detail in value mode. */
    SEND,
    /** Not sent; its offset is committed like a delivered record's and it is counted in a metric. */
    SKIP
}
