package io.eventbridge.kafka.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a fake clock: the sleeps it asks for are the rate, nothing is timed for real. */
class RateLimiterTest {
    private final AtomicLong clock = new AtomicLong();

    private RateLimiter limiter(int perSecond) {
        return new RateLimiter(perSecond, clock::get, clock::addAndGet);
    }

    @Test
    void holdsTheConfiguredRateAfterTheInitialBurst() throws Exception {
        RateLimiter limiter = limiter(500);
        for (int i = 0; i < 550; i++) { // 5,500 events in requests of 10
            limiter.acquire(10);
        }
        // 500 come from the initial one-second burst; the other 5,000 need 10 s at 500/s
        assertThat(TimeUnit.NANOSECONDS.toMillis(clock.get())).isBetween(9_990L, 10_010L);
    }

    @Test
    void aFullRequestAlwaysFitsEvenBelowTenEventsPerSecond() throws Exception {
        RateLimiter limiter = limiter(2);
        limiter.acquire(10);
        assertThat(clock.get()).isZero();
        limiter.acquire(10);
        assertThat(TimeUnit.NANOSECONDS.toMillis(clock.get())).isBetween(4_990L, 5_010L);
    }

    @Test
    void idleTimeRefillsNoMoreThanOneSecondOfBurst() throws Exception {
        RateLimiter limiter = limiter(100);
        clock.addAndGet(TimeUnit.MINUTES.toNanos(5));
        long before = clock.get();
        for (int i = 0; i < 20; i++) {
            limiter.acquire(10);
        }
        // 100 tokens of burst, then 100 more at 100/s
        assertThat(TimeUnit.NANOSECONDS.toMillis(clock.get() - before)).isBetween(990L, 1_010L);
    }
}
