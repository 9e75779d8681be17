package io.eventbridge.kafka.it.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void percentilesAreNearestRankOverEveryValueInAnyOrder() {
        LatencyRecorder latencies = new LatencyRecorder();
        List<Integer> ms =
                new ArrayList<>(IntStream.rangeClosed(1, 2000).boxed().toList());
        Collections.shuffle(ms, new java.util.Random(7));
        ms.forEach(latencies::add); // more than the first array holds
        assertThat(latencies.count()).isEqualTo(2000);
        assertThat(latencies.percentile(0.5)).isEqualTo(1000);
        assertThat(latencies.percentile(0.9)).isEqualTo(1800);
        assertThat(latencies.percentile(0.99)).isEqualTo(1980);
        assertThat(latencies.percentile(0.999)).isEqualTo(1998);
        assertThat(latencies.percentile(1.0)).isEqualTo(2000);
    }

    @Test
    void aFewValuesGiveTheirMaximumForTheHighPercentiles() {
        LatencyRecorder latencies = new LatencyRecorder();
        latencies.add(30);
        latencies.add(10);
        latencies.add(20);
        assertThat(latencies.percentile(0.5)).isEqualTo(20);
        assertThat(latencies.percentile(0.99)).isEqualTo(30);
    }

    @Test
    void noValueIsAnErrorNotAZero() {
        assertThatThrownBy(() -> new LatencyRecorder().percentile(0.5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void labelsNameThePercentiles() {
        assertThat(LatencyRecorder.label(0.5)).isEqualTo("p50");
        assertThat(LatencyRecorder.label(0.999)).isEqualTo("p99.9");
        assertThat(LatencyRecorder.label(1.0)).isEqualTo("max");
    }
}
