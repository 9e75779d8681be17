package io.eventbridge.kafka.sink.delivery;

/**
 * A token bucket of {@code permitsPerSecond} with one second of burst. Only the sender thread
 * waits on it, and only when a limit is configured: throttling by choice, not a happy-path sleep.
 */
final class RateLimiter {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    RateLimiter(int permitsPerSecond) {
        this.perNano = permitsPerSecond / 1e9;
        // a request of up to 10 entries must always fit, however low the rate
        this.capacity = Math.max(permitsPerSecond, 10);
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    static RateLimiter of(int permitsPerSecond) {
        return permitsPerSecond <= 0 ? null : new RateLimiter(permitsPerSecond);
    }

    synchronized void acquire(int permits) throws InterruptedException {
        refill();
        while (tokens < permits) {
            long waitNanos = (long) ((permits - tokens) / perNano);
            wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
            refill();
        }
        tokens -= permits;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
