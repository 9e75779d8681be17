package io.eventbridge.kafka.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short CI version of scripts/soak.sh: a minute of the sink and the source side by side on one worker JVM with
 * -Xmx256m, then a small backlog. It checks that nothing is lost and that every figure the soak reports is measured;
 * the rate, latency and heap goals are checked by the script's full run (docs/performance.md), not here.
 */
class SoakIT {
    @Test
    void aMinuteOfBothConnectorsInA256MbWorkerLosesNothingAndReportsEveryFigure() throws Exception {
        Soak.Result result = Soak.run(1, 300, 20, "256m", 20, 20_000);
        System.out.println(result.markdown());
        assertThat(result.sinkLost()).isZero();
        assertThat(result.sourceLost()).isZero();
        assertThat(result.sinkEvents()).isEqualTo(18_000);
        assertThat(result.sourceEvents()).isEqualTo(18_000);
        assertThat(result.intervals()).hasSize(3).allSatisfy(i -> {
            assertThat(i.sinkRate()).isPositive();
            assertThat(i.sourceRate()).isPositive();
            assertThat(i.sinkLatency()).isNotEmpty();
            assertThat(i.sourceLatency()).isNotEmpty();
            assertThat(i.sinkTaskP99())
                    .as("the sink's event-latency-p99 over JMX")
                    .isPositive();
            assertThat(i.sourceTaskP99())
                    .as("the source's event-latency-p99 over JMX")
                    .isPositive();
        });
        assertThat(result.intervals())
                .anySatisfy(i -> assertThat(i.heapAfterYoungMb()).isPositive());
        assertThat(result.heapAtMinute5Mb()).isPositive();
        assertThat(result.heapAtEndMb()).isPositive();
        assertThat(result.backlogRatePerTask()).isPositive();
        assertThat(result.sinkLatencySteady())
                .as("steady-state latencies measured")
                .isNotEmpty();
        assertThat(result.sourceLatencySteady()).isNotEmpty();
    }
}
