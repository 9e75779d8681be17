package io.eventbridge.kafka.it.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aTimelineHasALinePerRunWithEachWindowsRate() {
        Map<String, RateTimeline> runs = new LinkedHashMap<>();
        runs.put("0 ms, 1 task", steady(3000, 4));
        runs.put("20 ms, 1 task", steady(700, 4));
        XYChart chart = Charts.timelineChart("Sink: events/s over time", runs, 0.5);
        assertThat(chart.getSeriesMap()).containsOnlyKeys("0 ms, 1 task", "20 ms, 1 task");
        XYSeries slow = chart.getSeriesMap().get("20 ms, 1 task");
        assertThat(slow.getXData()).hasSize(9); // 8 windows of 0.5 s, and the first rate drawn from time 0
        assertThat(slow.getXData()[8]).isCloseTo(4.0, within(1e-9));
        for (double rate : slow.getYData()) {
            assertThat(rate).isCloseTo(700, within(1e-6));
        }
    }

    @Test
    void barsKeepTheOrderAndValuesGiven() {
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("one at a time", 45.0);
        bars.put("defaults", 6754.0);
        CategoryChart chart = Charts.barChart("Sink against one at a time", "events/s", bars);
        CategorySeries series = chart.getSeriesMap().get("events/s");
        assertThat(List.<Object>copyOf(series.getXData())).containsExactly("one at a time", "defaults");
        assertThat(List.<Object>copyOf(series.getYData())).containsExactly(45.0, 6754.0);
    }

    @Test
    void aPercentileChartHasALinePerRunOverTheSamePercentiles() {
        LatencyRecorder latencies = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            latencies.add(i);
        }
        Map<String, LatencyRecorder> runs = new LinkedHashMap<>();
        runs.put("1,000 events/s", latencies);
        runs.put("nothing measured", new LatencyRecorder());
        CategoryChart chart = Charts.percentileChart("Sink latency", runs);
        assertThat(chart.getSeriesMap()).containsOnlyKeys("1,000 events/s"); // an empty run draws no line
        CategorySeries line = chart.getSeriesMap().get("1,000 events/s");
        assertThat(List.<Object>copyOf(line.getXData())).containsExactly("p50", "p90", "p99", "p99.9", "max");
        assertThat(List.<Object>copyOf(line.getYData())).containsExactly(500L, 900L, 990L, 999L, 1000L);
        assertThat(Charts.percentileCells(latencies)).isEqualTo("500 | 900 | 990 | 999 | 1000");
    }

    @Test
    void eachChartIsWrittenAsAPngOfTheChartsSizeWithSomethingDrawn() throws Exception {
        Map<String, Double> bars = Map.of("a", 1.0, "b", 2.0);
        Path file = Charts.bars(dir.resolve("nested/bars.png"), "bars", "events/s", bars);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1100);
        int background = image.getRGB(0, 0);
        long drawn = 0;
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                drawn += image.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertThat(drawn).isGreaterThan(1000);
        List<Path> others = List.of(
                Charts.timeline(dir.resolve("t.png"), "t", Map.of("run", steady(10, 2)), 0.5),
                Charts.percentiles(dir.resolve("p.png"), "p", Map.of("run", steadyLatencies())));
        for (Path other : others) {
            assertThat(ImageIO.read(other.toFile()).getHeight()).isEqualTo(480);
        }
    }

    private static LatencyRecorder steadyLatencies() {
        LatencyRecorder latencies = new LatencyRecorder();
        latencies.add(5);
        return latencies;
    }

    private static RateTimeline steady(int perSecond, int seconds) {
        RateTimeline timeline = new RateTimeline(0);
        for (int i = 1; i <= seconds * 10; i++) {
            timeline.sample(i * S / 10, (long) i * perSecond / 10);
        }
        return timeline;
    }
}
