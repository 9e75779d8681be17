package io.eventbridge.kafka.sink.delivery;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code permitsPerSecond} with one second of burst (at least one full request).
 * Only the sender thread waits on it, and only when a limit is configured: throttling by choice,
 * not a happy-path sleep.
 */
final class RateLimiter {
    /** Waits the given nanoseconds; tests advance a fake clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    RateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.perNano = permitsPerSecond / 1e9;
        // a request of up to 10 entries must always fit, however low the rate
        this.capacity = Math.max(permitsPerSecond, 10);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    static RateLimiter of(double permitsPerSecond) {
        return permitsPerSecond <= 0
                ? null
                : new RateLimiter(permitsPerSecond, System::nanoTime, nanos -> {
                    LockSupport.parkNanos(nanos);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                });
    }

    /** Takes {@code permits} tokens, waiting until the bucket holds them. Called by one thread only. */
    void acquire(int permits) throws InterruptedException {
        refill();
        while (tokens < permits) {
            sleeper.sleepNanos((long) Math.ceil((permits - tokens) / perNano));
            refill();
        }
        tokens -= permits;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
