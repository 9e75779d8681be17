package io.eventbridge.kafka.it.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateTimelineTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aSteadyCountGivesTheSameRateInEveryWindow() {
        RateTimeline timeline = new RateTimeline(5 * S);
        for (int i = 1; i <= 30; i++) { // 1,000 events/s, sampled every 100 ms
            timeline.sample(5 * S + i * S / 10, i * 100L);
        }
        List<double[]> rates = timeline.rates(0.5);
        assertThat(rates).hasSize(6);
        for (double[] r : rates) {
            assertThat(r[1]).isCloseTo(1000, within(1e-6));
        }
        assertThat(rates.get(5)[0]).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aWindowEdgeBetweenSamplesIsInterpolatedSoTheRateDoesNotAlias() {
        RateTimeline timeline = new RateTimeline(0);
        timeline.sample(3 * S / 10, 300); // samples every 300 ms at 1,000 events/s; the window is 500 ms
        timeline.sample(6 * S / 10, 600);
        timeline.sample(9 * S / 10, 900);
        timeline.sample(12 * S / 10, 1200);
        List<double[]> rates = timeline.rates(0.5);
        assertThat(rates.get(0)[1]).isCloseTo(1000, within(1e-6));
        assertThat(rates.get(1)[1]).isCloseTo(1000, within(1e-6));
    }

    @Test
    void aStallShowsAsAWindowWithNoEvents() {
        RateTimeline timeline = new RateTimeline(0);
        timeline.sample(S, 2000);
        timeline.sample(2 * S, 2000);
        timeline.sample(3 * S, 5000);
        assertThat(timeline.rates(1.0)).extracting(r -> r[1]).containsExactly(2000.0, 0.0, 3000.0);
    }

    @Test
    void aShortLastWindowIsReportedOverItsOwnLength() {
        RateTimeline timeline = new RateTimeline(0);
        timeline.sample(S, 1000);
        timeline.sample(S + S / 4, 1500);
        List<double[]> rates = timeline.rates(1.0);
        assertThat(rates).hasSize(2);
        assertThat(rates.get(1)[0]).isCloseTo(1.25, within(1e-9));
        assertThat(rates.get(1)[1]).isCloseTo(2000, within(1e-6));
    }

    @Test
    void aSampleOlderThanTheLastIsRefused() {
        RateTimeline timeline = new RateTimeline(0);
        timeline.sample(2 * S, 10);
        assertThatThrownBy(() -> timeline.sample(S, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
