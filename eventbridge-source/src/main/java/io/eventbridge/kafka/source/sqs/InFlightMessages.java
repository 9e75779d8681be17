package io.eventbridge.kafka.source.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Messages received and not yet deleted or let go, with the time their visibility runs out. The number is
 * bounded: receive loops take permits before they receive, and a message gives its permit back when it is
 * deleted or let go, so a full task stops receiving (back-pressure) instead of piling messages up while
 * their visibility ticks.
 */
public final class InFlightMessages {
    private final Semaphore permits;
    private final int capacity;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** A message held by the task and until when SQS keeps it invisible. */
    public static final class Held {
        final SqsMessage message;
        volatile long visibleAtMillis;

        Held(SqsMessage message, long visibleAtMillis) {
            this.message = message;
            this.visibleAtMillis = visibleAtMillis;
        }

        public SqsMessage message() {
            return message;
        }

        public long visibleAtMillis() {
            return visibleAtMillis;
        }
    }

    public InFlightMessages(int capacity) {
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    /**
     * Room for {@code wanted} messages, waiting up to {@code timeoutMs} for all of it; when that much has not come
     * free by then, whatever room there is. Returns how many it got (0 when the task is full).
     *
     * <p>Waiting for a whole batch matters under a backlog: the task is then full, and taking the first room freed
     * would make receives of one or two messages, each costing the per-call work of a whole receive.
     */
    public int reserve(int wanted, long timeoutMs) throws InterruptedException {
        if (permits.tryAcquire(wanted, timeoutMs, TimeUnit.MILLISECONDS)) {
            return wanted;
        }
        int got = 0;
        while (got < wanted && permits.tryAcquire()) {
            got++;
        }
        return got;
    }

    /** Returns room reserved but not used by a receive. */
    public void unreserve(int count) {
        if (count > 0) {
            permits.release(count);
        }
    }

    public void add(SqsMessage message, long visibleAtMillis) {
        held.put(message.receiptHandle(), new Held(message, visibleAtMillis));
    }

    /** The message is deleted or let go: it no longer needs extending, and its room is free. */
    public void remove(SqsMessage message) {
        if (held.remove(message.receiptHandle()) != null) {
            permits.release();
        }
    }

    /** Messages whose visibility runs out before {@code beforeMillis}. */
    public List<Held> expiringBefore(long beforeMillis) {
        List<Held> out = new ArrayList<>();
        for (Held h : held.values()) {
            if (h.visibleAtMillis < beforeMillis) {
                out.add(h);
            }
        }
        return out;
    }

    public void extended(Held h, long visibleAtMillis) {
        h.visibleAtMillis = visibleAtMillis;
    }

    public int size() {
        return held.size();
    }

    public int capacity() {
        return capacity;
    }

    /** The oldest SentTimestamp among held messages, or -1. */
    public long oldestSentTimestamp() {
        long oldest = Long.MAX_VALUE;
        for (Held h : held.values()) {
            long sent = h.message.sentTimestamp();
            if (sent > 0 && sent < oldest) {
                oldest = sent;
            }
        }
        return oldest == Long.MAX_VALUE ? -1 : oldest;
    }
}
