package io.eventbridge.kafka.source.schema.export;

/**
 * One schema to write out: its name, and its Avro schema and JSON Schema (draft 4) texts where the source it came
 * from has them (null where not).
 */
public record ExportedSchema(String name, String avsc, String jsonSchema) {}
