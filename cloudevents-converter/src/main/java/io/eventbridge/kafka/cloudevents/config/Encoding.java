package io.eventbridge.kafka.cloudevents.config;

/** The Kafka protocol binding's content modes ({@code encoding}). */
public enum Encoding {
    /** Attributes in {@code ce_} headers, the data alone in the record value. */
    BINARY,
    /** The whole event in the value as JSON ({@code application/cloudevents+json}). */
    STRUCTURED
}
