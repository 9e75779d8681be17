package io.eventbridge.kafka.sink.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * How many PutEvents requests a task keeps outstanding: additive increase, multiplicative decrease.
 *
 * <p>A clean response widens the window by {@link #INCREASE} per round trip's worth of responses; a throttled
 * request halves it, once per round trip: responses to requests sent before the last decrease do not decrease it
 * again. Throttled entries count as a throttled request only while they are the rule, not the exception: when
 * the recent share of throttled entries (about the last fifty) is at least {@link #THROTTLED_SHARE}. A few
 * throttled entries here and there neither grow nor shrink the window (they are retried as ever), so scattered
 * per-entry throttling does not collapse it. {@code max.in.flight.requests}
 * is the ceiling; the floor is {@link #FLOOR} of a request. Below the ceiling, request starts are paced one
 * round trip / window apart (a window of 1.5 is 1.5 requests per round trip, evenly spaced; of 0.2, one request
 * every five round trips), so the window keeps its meaning when it is smaller than one request. Tasks that share an
 * account quota see the same throttling and converge to fair shares without talking to each other, as TCP flows do.
 *
 * <p>{@code fixed} keeps the window at the ceiling and never paces: the behaviour before it adapted.
 */
public final class AdaptiveWindow {
    /** Window growth per round trip of clean responses. */
    public static final double INCREASE = 0.1;
    /** The factor a throttled round trip multiplies the window by. */
    public static final double DECREASE = 0.5;
    /** The smallest window: one request every twenty round trips. */
    public static final double FLOOR = 0.05;
    /** Recent share of throttled entries from which a response with throttled entries counts as throttled. */
    public static final double THROTTLED_SHARE = 0.5;
    /** Weight of one entry in the recent share of throttled entries. */
    private static final double ENTRY_WEIGHT = 0.02;

    /** What a completed request says about the quota. */
    public enum Outcome {
        /** Answered, nothing throttled: room to grow. */
        CLEAN,
        /** Throttled as a whole, or many of its entries were. */
        THROTTLED,
        /** Neither: a few throttled entries, a network error, a server error. */
        NEUTRAL
    }

    private final int ceiling;
    private final boolean adaptive;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private double window;
    private int outstanding;
    private long sequence;
    private long decreasedAt = -1;
    private long nextStartNanos;
    private double latencyNanos;
    private double throttledRatio;
    private double entryThrottleShare;
    private long floorSinceNanos = -1;
    private long floorNanosTotal;
    private long throttledRequests;

    public AdaptiveWindow(int ceiling, boolean adaptive, LongSupplier nanoClock) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("ceiling must be at least 1");
        }
        this.ceiling = ceiling;
        this.adaptive = adaptive;
        this.nanoClock = nanoClock;
        this.window = ceiling;
    }

    /**
     * Waits until the window has room and the pacing allows a start, then counts a request as outstanding.
     *
     * @return the request's ticket, for {@link #complete}
     */
    public long acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (outstanding < limit()) {
                    long wait = paced() ? nextStartNanos - nanoClock.getAsLong() : 0;
                    if (wait <= 0) {
                        break;
                    }
                    room.awaitNanos(wait);
                } else {
                    room.await();
                }
            }
            outstanding++;
            if (paced()) {
                nextStartNanos = nanoClock.getAsLong() + (long) (latencyNanos / window);
            }
            return ++sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Returns an acquired start that sent nothing. */
    public void cancel() {
        lock.lock();
        try {
            outstanding--;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a completed request and adapts the window to it.
     *
     * @param requestThrottled the whole request was refused as throttled
     * @param throttledEntries of its {@code entries}, those answered ThrottlingException
     * @return what the response counted as
     */
    public Outcome complete(
            long ticket, boolean requestThrottled, int entries, int throttledEntries, long requestNanos) {
        lock.lock();
        try {
            Outcome outcome;
            if (requestThrottled) {
                outcome = Outcome.THROTTLED;
            } else {
                double weight = 1 - Math.pow(1 - ENTRY_WEIGHT, Math.max(1, entries));
                entryThrottleShare += weight * ((double) throttledEntries / Math.max(1, entries) - entryThrottleShare);
                outcome = throttledEntries == 0
                        ? Outcome.CLEAN
                        : entryThrottleShare >= THROTTLED_SHARE ? Outcome.THROTTLED : Outcome.NEUTRAL;
            }
            complete(ticket, outcome, requestNanos);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** Records a completed request of a known outcome and adapts the window to it. */
    void complete(long ticket, Outcome outcome, long requestNanos) {
        lock.lock();
        try {
            outstanding--;
            latencyNanos = latencyNanos == 0 ? requestNanos : 0.8 * latencyNanos + 0.2 * requestNanos;
            throttledRatio = 0.99 * throttledRatio + (outcome == Outcome.THROTTLED ? 0.01 : 0);
            if (outcome == Outcome.THROTTLED) {
                throttledRequests++;
            }
            if (adaptive) {
                adapt(ticket, outcome);
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void adapt(long ticket, Outcome outcome) {
        long now = nanoClock.getAsLong();
        if (outcome == Outcome.THROTTLED && ticket > decreasedAt) {
            window = Math.max(FLOOR, window * DECREASE);
            decreasedAt = sequence; // requests already on their way were sent at the old window
        } else if (outcome == Outcome.CLEAN) {
            window = Math.min(ceiling, window + INCREASE / Math.max(window, 1));
        }
        if (window <= FLOOR) {
            if (floorSinceNanos < 0) {
                floorSinceNanos = now;
            }
        } else if (floorSinceNanos >= 0) {
            floorNanosTotal += now - floorSinceNanos;
            floorSinceNanos = -1;
        }
    }

    private int limit() {
        return Math.max(1, (int) Math.ceil(window));
    }

    private boolean paced() {
        return adaptive && window < ceiling && latencyNanos > 0;
    }

    /** Waits up to {@code timeoutMs} until no request is outstanding; true if none is. */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (outstanding > 0) {
                long left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    return false;
                }
                room.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a sender waiting in {@link #acquire} so it can see that the engine stops. */
    public void wakeUp() {
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public double window() {
        lock.lock();
        try {
            return window;
        } finally {
            lock.unlock();
        }
    }

    public int outstanding() {
        lock.lock();
        try {
            return outstanding;
        } finally {
            lock.unlock();
        }
    }

    /** Share of recent responses (about the last hundred) that were throttled. */
    public double throttledRatio() {
        lock.lock();
        try {
            return throttledRatio;
        } finally {
            lock.unlock();
        }
    }

    public long throttledRequests() {
        lock.lock();
        try {
            return throttledRequests;
        } finally {
            lock.unlock();
        }
    }

    /** Milliseconds the window has spent at its floor, the current stretch included. */
    public long floorMillis() {
        lock.lock();
        try {
            long open = floorSinceNanos >= 0 ? nanoClock.getAsLong() - floorSinceNanos : 0;
            return TimeUnit.NANOSECONDS.toMillis(floorNanosTotal + open);
        } finally {
            lock.unlock();
        }
    }
}
