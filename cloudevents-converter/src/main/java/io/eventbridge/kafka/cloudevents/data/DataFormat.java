package io.eventbridge.kafka.cloudevents.data;

/** The format a converter writes a CloudEvent's data in ({@code data.format}). */
public enum DataFormat {
    /** JSON, application/json; Connect values are rendered as schemaless JSON. */
    JSON,
    /** Text, text/plain; UTF-8. */
    TEXT,
    /** Opaque bytes, application/octet-stream. */
    BYTES,
    /** Avro through the AWS Glue Schema Registry; dataschema names the registered schema version. */
    AVRO
}
