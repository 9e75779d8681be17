package io.eventbridge.kafka.source.config;

/** What becomes the Kafka record key ({@code key.mode}). */
public enum KeyMode {
    /** FIFO queues: the MessageGroupId, so per-group order holds end to end; standard queues: the event id. */
    AUTO,
    /** The event id. */
    ID,
    /** The SQS MessageGroupId (FIFO queues; no key on standard queues). */
    MESSAGE_GROUP_ID,
    /** A field of the detail, by {@code key.detail.path}. */
    DETAIL_PATH,
    /** No key. */
    NONE
}
