package io.eventbridge.kafka.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbridge.kafka.common.error.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static RetryPolicy policy(long initial, long max, long deadline) {
        return new RetryPolicy(
                Duration.ofMillis(initial),
                Duration.ofMillis(max),
                Duration.ofMillis(deadline),
                ceiling -> ceiling); // jitter at its ceiling, so delays are exact
    }

    @Test
    void ceilingDoublesPerRetryUpToTheMaximum() {
        RetryPolicy p = policy(100, 1_000, 60_000);
        assertThat(List.of(
                        p.backoffCeilingMs(1),
                        p.backoffCeilingMs(2),
                        p.backoffCeilingMs(3),
                        p.backoffCeilingMs(4),
                        p.backoffCeilingMs(5),
                        p.backoffCeilingMs(60)))
                .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);
    }

    @Test
    void fullJitterDrawsEveryDelayBetweenZeroAndTheCeiling() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(1));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long d = p.delayMs(4);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(0L, 40L);
        assertThat(max).isBetween(760L, 800L);
    }

    @Test
    void refusesARetryThatWouldStartAfterTheDeadline() {
        RetryPolicy p = policy(100, 1_000, 1_000);
        assertThat(p.nextDelayMs(0, 0, 1)).isEqualTo(100);
        assertThat(p.nextDelayMs(0, 850, 2)).isEqualTo(-1); // 850 + 200 > 1000
        assertThat(p.nextDelayMs(0, 800, 2)).isEqualTo(200); // exactly at the deadline is allowed
    }

    @Test
    void zeroDeadlineNeverRetries() {
        assertThat(RetryPolicy.none().nextDelayMs(0, 0, 1)).isEqualTo(-1);
    }

    @Test
    void retrierRetriesRetryableFailuresWithBackoffUntilSuccess() throws Exception {
        AtomicLong clock = new AtomicLong();
        List<Long> sleeps = new ArrayList<>();
        Retrier retrier = new Retrier(
                policy(100, 1_000, 10_000),
                e -> FailureKind.RETRYABLE,
                ms -> {
                    sleeps.add(ms);
                    clock.addAndGet(ms);
                },
                clock::get);
        AtomicInteger calls = new AtomicInteger();
        String result = retrier.call("op", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IOException("flaky");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(sleeps).containsExactly(100L, 200L, 400L);
    }

    @Test
    void retrierStopsAtTheDeadlineAndThrowsTheLastError() {
        AtomicLong clock = new AtomicLong();
        Retrier retrier = new Retrier(policy(100, 100, 350), e -> FailureKind.RETRYABLE, clock::addAndGet, clock::get);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("op", () -> {
                    throw new IOException("down " + calls.incrementAndGet());
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("down 4");
    }

    @Test
    void retrierDoesNotRetryNonRetryableFailures() {
        AtomicInteger calls = new AtomicInteger();
        Retrier retrier = new Retrier(policy(1, 1, 10_000), e -> FailureKind.NON_RETRYABLE, ms -> {}, () -> 0);
        assertThatThrownBy(() -> retrier.call("op", () -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("bad input");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }
}
