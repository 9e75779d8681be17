package io.eventbridge.kafka.sink.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * A record mapped to a PutEvents entry.
 *
 * @param detail the Detail as a tree, for a claim-check offload that rewrites it
 */
public record MappedEvent(PutEventsRequestEntry entry, ObjectNode detail) {
}
