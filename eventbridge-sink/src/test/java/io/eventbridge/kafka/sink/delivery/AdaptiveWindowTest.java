package io.eventbridge.kafka.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.sink.delivery.AdaptiveWindow.Outcome;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveWindowTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private AdaptiveWindow window(int ceiling, boolean adaptive) {
        return new AdaptiveWindow(ceiling, adaptive, clock::get);
    }

    /** Sends one request and completes it with the outcome, as the engine does. */
    private static void roundTrip(AdaptiveWindow w, Outcome outcome) throws InterruptedException {
        long ticket = w.acquire();
        w.complete(ticket, outcome, 0);
    }

    @Test
    void startsAtTheCeilingAndStaysThereWhileResponsesAreClean() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        for (int i = 0; i < 100; i++) {
            roundTrip(w, Outcome.CLEAN);
        }
        assertThat(w.window()).isEqualTo(16.0);
    }

    @Test
    void aThrottledRequestHalvesTheWindow() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        roundTrip(w, Outcome.THROTTLED);
        assertThat(w.window()).isEqualTo(8.0);
        roundTrip(w, Outcome.THROTTLED);
        assertThat(w.window()).isEqualTo(4.0);
    }

    @Test
    void throttledResponsesToRequestsSentBeforeADecreaseDoNotDecreaseItAgain() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        long[] tickets = new long[8];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = w.acquire(); // eight requests of one round trip, all throttled by the same burst
        }
        for (long t : tickets) {
            w.complete(t, Outcome.THROTTLED, 0);
        }
        assertThat(w.window()).isEqualTo(8.0);
        roundTrip(w, Outcome.THROTTLED); // sent after the decrease: a new round trip
        assertThat(w.window()).isEqualTo(4.0);
    }

    @Test
    void cleanResponsesGrowTheWindowByAFractionOfARequestPerRoundTrip() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        for (int i = 0; i < 4; i++) {
            roundTrip(w, Outcome.THROTTLED);
        }
        assertThat(w.window()).isEqualTo(1.0);
        for (int i = 0; i < 10; i++) {
            roundTrip(w, Outcome.CLEAN); // each response adds 0.1 / window: 0.1 per window's worth of responses
        }
        assertThat(w.window()).isBetween(1.7, 1.8);
        for (int i = 0; i < 10_000; i++) {
            roundTrip(w, Outcome.CLEAN);
        }
        assertThat(w.window()).isEqualTo(16.0);
    }

    @Test
    void neutralOutcomesNeitherGrowNorShrinkIt() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        roundTrip(w, Outcome.THROTTLED);
        for (int i = 0; i < 50; i++) {
            roundTrip(w, Outcome.NEUTRAL);
        }
        assertThat(w.window()).isEqualTo(8.0);
    }

    @Test
    void theWindowStopsAtItsFloorAndCountsTheTimeThere() throws InterruptedException {
        AdaptiveWindow w = window(4, true);
        for (int i = 0; i < 20; i++) {
            roundTrip(w, Outcome.THROTTLED);
        }
        assertThat(w.window()).isEqualTo(AdaptiveWindow.FLOOR);
        clock.addAndGet(2_500_000_000L);
        assertThat(w.floorMillis()).isEqualTo(2_500);
        for (int i = 0; i < 5; i++) {
            roundTrip(w, Outcome.CLEAN);
        }
        assertThat(w.window()).isGreaterThan(AdaptiveWindow.FLOOR);
        clock.addAndGet(1_000_000_000L);
        assertThat(w.floorMillis()).isEqualTo(2_500);
    }

    @Test
    void aFixedWindowIgnoresThrottlingButStillCountsIt() throws InterruptedException {
        AdaptiveWindow w = window(16, false);
        for (int i = 0; i < 10; i++) {
            roundTrip(w, Outcome.THROTTLED);
        }
        assertThat(w.window()).isEqualTo(16.0);
        assertThat(w.throttledRequests()).isEqualTo(10);
        assertThat(w.throttledRatio()).isGreaterThan(0.09);
    }

    @Test
    void scatteredThrottledEntriesNeitherGrowNorShrinkTheWindow() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) { // a fifth of the entries throttled at random, as a noisy endpoint does
            int throttled = 0;
            for (int e = 0; e < 10; e++) {
                throttled += random.nextDouble() < 0.2 ? 1 : 0;
            }
            w.complete(w.acquire(), false, 10, throttled, 0);
        }
        assertThat(w.window()).isEqualTo(16.0);
    }

    @Test
    void throttledEntriesThatAreTheRuleShrinkTheWindow() throws InterruptedException {
        AdaptiveWindow w = window(16, true);
        Outcome last = null;
        for (int i = 0; i < 10; i++) { // the account over its quota: most entries throttled, request after request
            last = w.complete(w.acquire(), false, 10, 8, 0);
        }
        assertThat(last).isEqualTo(Outcome.THROTTLED);
        assertThat(w.window()).isLessThan(16.0);
        assertThat(w.complete(w.acquire(), false, 10, 0, 0)).isEqualTo(Outcome.CLEAN);
        assertThat(w.complete(w.acquire(), true, 10, 0, 0))
                .as("a throttled request")
                .isEqualTo(Outcome.THROTTLED);
    }

    @Test
    void theWindowLimitsOutstandingRequests() throws InterruptedException {
        AdaptiveWindow w = window(2, true);
        long first = w.acquire();
        w.acquire();
        Thread blocked = new Thread(() -> {
            try {
                w.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        blocked.start();
        blocked.join(200);
        assertThat(blocked.isAlive()).as("a third request waits for room").isTrue();
        w.complete(first, Outcome.CLEAN, 0);
        blocked.join(5_000);
        assertThat(blocked.isAlive()).isFalse();
        assertThat(w.outstanding()).isEqualTo(2);
    }

    @Test
    void tasksSharingAQuotaConvergeToSimilarWindows() throws InterruptedException {
        // two windows throttled by the same overload, one starting far above the other: AIMD evens them out
        AdaptiveWindow a = window(16, true);
        AdaptiveWindow b = window(16, true);
        for (int i = 0; i < 4; i++) {
            roundTrip(b, Outcome.THROTTLED);
        }
        for (int cycle = 0; cycle < 30; cycle++) {
            while (a.window() + b.window() < 8) { // capacity: 8 requests in flight between them
                roundTrip(a, Outcome.CLEAN);
                roundTrip(b, Outcome.CLEAN);
            }
            roundTrip(a, Outcome.THROTTLED);
            roundTrip(b, Outcome.THROTTLED);
        }
        assertThat(Math.abs(a.window() - b.window())).isLessThan(0.5);
    }
}
