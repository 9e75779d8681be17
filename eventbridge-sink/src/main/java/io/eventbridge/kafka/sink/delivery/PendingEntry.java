package io.eventbridge.kafka.sink.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.sink.batch.EntrySizer;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * One record on its way to EventBridge: its entry, its size, and its delivery history. Owned by
 * one thread at a time (the task thread, the sender, or a completion), handed over through queues.
 */
public final class PendingEntry {
    private final SinkRecord record;
    private final PartitionOffsets partition;
    private final long offset;
    private PutEventsRequestEntry entry;
    private int size;
    private ObjectNode detailToOffload;
    private int attempts;
    private long firstAttemptMs = -1;
    private boolean isolate;
    private int bufferedBytes;

    public PendingEntry(SinkRecord record, PartitionOffsets partition, long offset, PutEventsRequestEntry entry) {
        this.record = record;
        this.partition = partition;
        this.offset = offset;
        setEntry(entry);
    }

    public SinkRecord record() {
        return record;
    }

    public PartitionOffsets partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public PutEventsRequestEntry entry() {
        return entry;
    }

    public final void setEntry(PutEventsRequestEntry value) {
        this.entry = value;
        this.size = EntrySizer.size(value);
    }

    public int size() {
        return size;
    }

    /** The Detail as a tree, kept only for entries that must be offloaded before they are sent. */
    public ObjectNode detailToOffload() {
        return detailToOffload;
    }

    public void setDetailToOffload(ObjectNode detail) {
        this.detailToOffload = detail;
    }

    public int attempts() {
        return attempts;
    }

    public long firstAttemptMs() {
        return firstAttemptMs;
    }

    /** Called when a send of this entry starts. */
    void attempt(long nowMs) {
        attempts++;
        if (firstAttemptMs < 0) {
            firstAttemptMs = nowMs;
        }
    }

    /** The bytes this entry holds in the task's buffer, fixed when it is submitted. */
    int bufferedBytes() {
        return bufferedBytes;
    }

    void bufferedBytes(int value) {
        this.bufferedBytes = value;
    }

    /** Whether the entry must go in a request of its own (to isolate a request-level rejection). */
    boolean isolate() {
        return isolate;
    }

    void isolate(boolean value) {
        this.isolate = value;
    }
}
