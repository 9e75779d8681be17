package io.eventbridge.kafka.sink.config;

/** What an event's Detail holds. */
public enum DetailMode {
    /** The AWS-sink-compatible envelope: topic, partition, offset, timestamp, headers, key and value. */
    ENVELOPE,
    /** The record value alone (a value that is not a JSON object is wrapped as {"value": ...}). */
    VALUE
}
