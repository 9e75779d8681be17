package io.eventbridge.kafka.source.config;

/** Whether record values carry a Connect schema ({@code schema.mode}). */
public enum SchemaMode {
    /** Schemaless maps and lists, as JsonConverter with schemas off reads JSON. */
    NONE,
    /** A Connect schema inferred per detail-type, widened as new fields appear. */
    INFER
}
