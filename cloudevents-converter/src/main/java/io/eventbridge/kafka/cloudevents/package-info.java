/**
 * A Kafka Connect {@code Converter} for CloudEvents ({@link io.eventbridge.kafka.cloudevents.CloudEventsConverter})
 * following the CloudEvents Kafka protocol binding, the Connect schema of a CloudEvent
 * ({@link io.eventbridge.kafka.cloudevents.CloudEventSchema}), and the EventBridge to CloudEvents mapping
 * both connectors use ({@code eventbridge}).
 */
package io.eventbridge.kafka.cloudevents;
