package io.eventbridge.kafka.cloudevents.data;

/**
 * A CloudEvent's data as bytes, with the content type it has and, for registry formats, the URI of
 * its schema (null when there is none).
 */
public record EncodedData(byte[] bytes, String contentType, String dataSchema) {}
