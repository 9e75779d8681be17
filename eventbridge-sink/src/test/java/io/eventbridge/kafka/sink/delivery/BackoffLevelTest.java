package io.eventbridge.kafka.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffLevelTest {
    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void anUnluckyEntryAmongDeliveredOnesKeepsAShortBackoff() {
        // throttled 8 times in a row while every response delivered other entries
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(8, 0))).isEqualTo(200);
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(1, 0))).isEqualTo(100);
    }

    @Test
    void backoffClimbsWhileNothingGetsThrough() {
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(1, 1))).isEqualTo(200);
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(1, 5))).isEqualTo(3_200);
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(1, 50))).isEqualTo(10_000);
    }

    @Test
    void anEntryThatAlwaysFailsStillReachesTheMaximumBackoff() {
        assertThat(policy.backoffCeilingMs(BackoffLevel.retryNumber(4 * 8 + 1, 0)))
                .isEqualTo(10_000);
    }
}
