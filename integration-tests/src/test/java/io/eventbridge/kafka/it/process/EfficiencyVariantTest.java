package io.eventbridge.kafka.it.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EfficiencyVariantTest {
    @Test
    void noneAddsNothing() {
        Efficiency.Variant variant = Efficiency.Variant.parse("none");
        assertThat(variant.jvmOptions()).isEmpty();
        assertThat(variant.workerProps()).isEmpty();
    }

    @Test
    void workerElementsBecomeWorkerPropertiesAndTheRestJvmOptions() {
        Efficiency.Variant variant = Efficiency.Variant.parse(
                "-XX:TieredStopAtLevel=1,worker.plugin.path=/tmp/before,worker.offset.flush.interval.ms=1000,-Xss512k");
        assertThat(variant.jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
        assertThat(variant.workerProps())
                .isEqualTo(Map.of("plugin.path", "/tmp/before", "offset.flush.interval.ms", "1000"));
    }

    @Test
    void aWorkerElementWithoutAValueIsRefused() {
        assertThatThrownBy(() -> Efficiency.Variant.parse("worker.plugin.path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker.plugin.path");
    }
}
