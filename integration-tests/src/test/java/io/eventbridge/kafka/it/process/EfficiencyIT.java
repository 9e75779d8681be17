package io.eventbridge.kafka.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short CI version of scripts/source-efficiency.sh and scripts/sink-efficiency.sh: one small run of each on a
 * fresh worker JVM. It checks that every figure the scripts report is measured (rates, and CPU per event of the
 * connector's threads, the worker JVM, the AWS server and the broker, over the first and the last events); the goals
 * themselves are checked by the scripts' full runs (docs/performance.md), not here.
 */
class EfficiencyIT {
    @Test
    void theSourceOnAFreshWorkerReportsItsRatesAndTheCpuOfEveryPart() throws Exception {
        Efficiency.Result result = Efficiency.measure(
                new SourceEfficiency(), "records=12000", "first=4000", "steady=4000", "tasks=1", "warmup=3000");
        System.out.println(result.markdown());
        assertEveryFigureMeasured(result, List.of("connector", "producer", "worker-jvm", "sqs", "broker"));
    }

    @Test
    void theSinkOnAFreshWorkerReportsItsRatesAndTheCpuOfEveryPart() throws Exception {
        Efficiency.Result result = Efficiency.measure(
                new SinkEfficiency(), "records=15000", "first=5000", "steady=5000", "tasks=1", "warmup=3000");
        System.out.println(result.markdown());
        // the sink has no producer of its own unless it dead-letters, so that part is not asked for
        assertEveryFigureMeasured(result, List.of("connector", "worker-jvm", "eventbridge", "broker"));
    }

    private static void assertEveryFigureMeasured(Efficiency.Result result, List<String> parts) {
        assertThat(result.runs()).singleElement().satisfies(run -> {
            assertThat(run.firstRate()).isPositive();
            assertThat(run.steadyRate()).isPositive();
            for (String part : parts) {
                assertThat(run.firstCpu(part))
                        .as("CPU per event of %s over the first events", part)
                        .isPositive();
                assertThat(run.steadyCpu(part))
                        .as("CPU per event of %s over the last events", part)
                        .isPositive();
            }
        });
    }
}
