package io.eventbridge.kafka.sink.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** {@link PartitionOffsets} of every partition the task owns; what {@code preCommit} returns. */
public final class OffsetTracker {
    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();

    public PartitionOffsets partition(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, k -> new PartitionOffsets());
    }

    /** Per partition, the offset up to which every record is finished; partitions with nothing taken are left out. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        partitions.forEach((tp, offsets) -> {
            long offset = offsets.committable();
            if (offset >= 0) {
                result.put(tp, new OffsetAndMetadata(offset));
            }
        });
        return result;
    }

    /**
     * What may be committed, given the worker's offsets of what it consumed ({@code preCommit}'s argument). Where
     * every record the task was given is finished, the worker's offset: it also covers records a transform dropped
     * before {@code put()} (a Filter with a predicate, say), which the task never saw. Elsewhere the lowest
     * unfinished offset, as {@link #committable()}. Only partitions the worker names are returned.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> ours = committable();
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        consumed.forEach((tp, worker) -> {
            PartitionOffsets p = partitions.get(tp);
            if (p == null || p.unfinishedCount() == 0) {
                result.put(tp, worker);
            } else if (ours.containsKey(tp)) {
                result.put(tp, ours.get(tp));
            }
        });
        return result;
    }

    /** Forgets revoked partitions; their unfinished records are read again by the next owner. */
    public void close(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionOffsets offsets = partitions.remove(tp);
            if (offsets != null) {
                offsets.close();
            }
        }
    }

    public void closeAll() {
        close(partitions.keySet());
    }
}
