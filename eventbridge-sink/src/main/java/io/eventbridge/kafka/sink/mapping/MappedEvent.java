package io.eventbridge.kafka.sink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.io.IOException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * A record mapped to a PutEvents entry.
 *
 * @param view the record as the mapping saw it (its key and value rendered at most once), for what describes
 *     the Detail; null where the entry is a CloudEvent mapping, whose Detail is not made of the record's parts
 */
public record MappedEvent(PutEventsRequestEntry entry, RecordView view) {
    /** The Detail as a tree, for a claim-check offload that rewrites it; parsed only when asked for. */
    public ObjectNode detailTree() {
        try {
            JsonNode tree = JsonRenderer.MAPPER.readTree(entry.detail());
            return (ObjectNode) tree;
        } catch (IOException | ClassCastException e) {
            throw new MappingException("Detail is not a JSON object", e);
        }
    }
}
