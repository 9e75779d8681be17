package io.eventbridge.kafka.sink.delivery;

import java.util.TreeSet;

/**
 * Offsets of one partition that the task has taken but not yet finished (delivered, skipped or
 * dead-lettered). The committable offset is the lowest unfinished one, or one past the highest
 * taken when all are finished, however out of order requests complete.
 *
 * <p>A closed instance (its partition was revoked) ignores late completions; a re-assigned
 * partition gets a fresh instance, so results of the old assignment never count for the new one.
 */
public final class PartitionOffsets {
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long highestTaken = -1;
    private volatile boolean closed;

    public synchronized void take(long offset) {
        unfinished.add(offset);
        highestTaken = Math.max(highestTaken, offset);
    }

    public synchronized void finish(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit (the next record to read), or -1 when nothing was taken. */
    public synchronized long committable() {
        if (highestTaken < 0) {
            return -1;
        }
        return unfinished.isEmpty() ? highestTaken + 1 : unfinished.first();
    }

    public synchronized int unfinishedCount() {
        return unfinished.size();
    }

    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
