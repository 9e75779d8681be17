package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the throughput benchmark scripts: each runs end to end on a tiny workload (every phase: the
 * timed runs, the one-at-a-time baseline, the paced latency runs) and writes its three charts. The figures of such
 * runs mean nothing; that the scripts still run and draw does.
 */
class BenchmarkChartsIT {
    @TempDir
    Path dir;

    @Test
    void theSinkBenchmarkRunsEveryPhaseAndDrawsItsThreeCharts() throws Exception {
        List<Path> charts = SinkBenchmark.execute(new String[] {
            "records=2000",
            "warmup=0",
            "scenarios=0:1:0",
            "baseline.records=100",
            "latency=0:200",
            "latency.seconds=2",
            "charts=" + dir.resolve("sink")
        });
        assertDrawn(charts, "sink-events-per-second.png", "sink-vs-one-at-a-time.png", "sink-latency.png");
    }

    @Test
    void theSourceBenchmarkRunsEveryPhaseAndDrawsItsThreeCharts() throws Exception {
        List<Path> charts = SourceBenchmark.execute(new String[] {
            "records=2000",
            "baseline.records=100",
            "sdk.records=1000",
            "warmups=0",
            "sdk.warmups=0",
            "tasks=1",
            "producer=default",
            "latency.rates=200",
            "latency.seconds=2",
            "charts=" + dir.resolve("source")
        });
        assertDrawn(charts, "source-events-per-second.png", "source-vs-one-at-a-time.png", "source-latency.png");
    }

    private static void assertDrawn(List<Path> charts, String... names) throws Exception {
        assertThat(charts).extracting(p -> p.getFileName().toString()).containsExactly(names);
        for (Path chart : charts) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image).as(chart.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1100);
        }
    }
}
