package io.eventbridge.kafka.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter and a total deadline: the one retry policy of the suite.
 *
 * <p>The delay before retry {@code n} (n = 1 for the first retry) is drawn uniformly from
 * {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}. A failed operation may be retried as long
 * as the retry would start before {@code firstAttempt + deadline}. There is no attempt count: the
 * deadline is what bounds the work, so throttling that clears within it never loses an event.
 */
public final class RetryPolicy {
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long deadlineMs;
    private final LongUnaryOperator jitter;

    /**
     * @param jitter maps a ceiling {@code c >= 0} to a value in {@code [0, c]}; tests pass a fixed one
     */
    RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration deadline, LongUnaryOperator jitter) {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || deadline.isNegative()) {
            throw new IllegalArgumentException("need 0 <= initial backoff <= max backoff and deadline >= 0");
        }
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.deadlineMs = deadline.toMillis();
        this.jitter = jitter;
    }

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
        this(
                initialBackoff,
                maxBackoff,
                deadline,
                ceiling -> ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** A policy that never retries: for tests and for callers that must fail fast. */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The ceiling of the jittered delay before retry number {@code retry} (1-based). */
    public long backoffCeilingMs(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1");
        }
        int shift = Math.min(retry - 1, 62);
        long ceiling = initialBackoffMs << shift;
        if (ceiling < 0 || (ceiling >> shift) != initialBackoffMs) {
            return maxBackoffMs; // overflow
        }
        return Math.min(maxBackoffMs, ceiling);
    }

    /** The delay before retry number {@code retry}: full jitter over the ceiling. */
    public long delayMs(int retry) {
        return jitter.applyAsLong(backoffCeilingMs(retry));
    }

    /**
     * Decides the next step for an operation that failed.
     *
     * @param firstAttemptMs when the first attempt of the operation started (any monotonic clock, ms)
     * @param nowMs the same clock now
     * @param retry the number of the retry being considered, 1 for the first
     * @return the delay to wait before retrying, or -1 when the deadline does not allow another try
     */
    public long nextDelayMs(long firstAttemptMs, long nowMs, int retry) {
        if (deadlineMs == 0) {
            return -1;
        }
        long delay = delayMs(retry);
        long retryAt = nowMs + delay;
        return retryAt - firstAttemptMs <= deadlineMs ? delay : -1;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    public long initialBackoffMs() {
        return initialBackoffMs;
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    @Override
    public String toString() {
        return "RetryPolicy{initial=" + initialBackoffMs + "ms, max=" + maxBackoffMs + "ms, deadline=" + deadlineMs
                + "ms, full jitter}";
    }
}
