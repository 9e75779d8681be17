package io.eventbridge.kafka.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalsTest {
    @Test
    void countsWhatIsMissingAndWhatCameTwice() {
        Arrivals arrivals = new Arrivals(4);
        for (int i = 0; i < 3; i++) {
            arrivals.sent(i);
        }
        arrivals.arrived(0);
        arrivals.arrived(0);
        arrivals.arrived(2);
        arrivals.arrived(7); // not of this workload
        assertThat(arrivals.distinct()).isEqualTo(2);
        assertThat(arrivals.duplicates()).isEqualTo(1);
        assertThat(arrivals.missing()).isEqualTo(1);
        assertThat(arrivals.recoveryMillis(System.nanoTime(), 1_000))
                .as("one has not arrived")
                .isEqualTo(-1);
        assertThat(arrivals.duplicateSamples())
                .as("the second copy of event 0, named")
                .singleElement()
                .asString()
                .startsWith("0 (sent ");
    }

    @Test
    void failureRunNotesTheInputsSurplusOnlyWhenThereIsOne() {
        assertThat(FailureRun.note("12 sessions", 0)).isEqualTo("12 sessions");
        assertThat(FailureRun.note("12 sessions", -1)).isEqualTo("12 sessions");
        assertThat(FailureRun.note("12 sessions", 3)).startsWith("12 sessions; 3 more record(s) in the input");
        assertThat(FailureRun.note("", 3)).startsWith("3 more record(s)");
    }

    @Test
    void recoveryEndsWithTheLastEventTheFaultDelayed() throws Exception {
        Arrivals arrivals = new Arrivals(3);
        arrivals.sent(0);
        arrivals.arrived(0); // before the fault, fast
        arrivals.sent(1);
        long fault = System.nanoTime();
        arrivals.sent(2);
        arrivals.arrived(2); // after the fault, fast: not delayed
        Thread.sleep(60);
        arrivals.arrived(1); // after the fault, slower than 50 ms: delayed
        long recovery = arrivals.recoveryMillis(fault, 50);
        assertThat(recovery).isBetween(55L, 5_000L);
        assertThat(arrivals.recoveryMillis(fault, 10_000))
                .as("nothing slower than 10 s")
                .isZero();
        assertThat(arrivals.p99BeforeMillis(fault, 3_000)).isLessThan(50);
    }

    @Test
    void readsTheEventNumberOfAJsonText() {
        assertThat(Arrivals.number("{\"run\":\"r\",\"n\":1234,\"pad\":\"x\"}")).isEqualTo(1234);
        assertThat(Arrivals.number("{\"value\":{\"n\":7}}")).isEqualTo(7);
        assertThat(Arrivals.number("{\"m\":1}")).isEqualTo(-1);
        assertThat(Arrivals.number("{\"n\":\"x\"}")).isEqualTo(-1);
        assertThat(Arrivals.number(null)).isEqualTo(-1);
    }
}
