package io.eventbridge.kafka.sink.config;

/** Where an event's Time comes from. */
public enum TimeSource {
    /** Left unset: EventBridge uses the time it receives the event (the AWS sink's behaviour). */
    NONE,
    /** The Kafka record timestamp. */
    KAFKA_TIMESTAMP,
    /** A field of the value, named by event.time.field: ISO-8601 text or epoch milliseconds. */
    FIELD
}
