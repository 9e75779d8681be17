package io.eventbridge.kafka.it.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The benchmarks' three pictures as PNG files, to check in under {@code docs/charts}: events/s over time, a bar per
 * configuration, and latency percentiles. XChart draws them. PNG rather than SVG: XChart draws every glyph as an
 * outline, so its SVG of one chart is about 400 KB against about 40 KB of PNG.
 */
public final class Charts {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 480;

    private Charts() {}

    /** One line per run: events/s in windows of {@code windowSeconds} against seconds since the run's clock began. */
    public static Path timeline(Path file, String title, Map<String, RateTimeline> runs, double windowSeconds)
            throws IOException {
        return write(timelineChart(title, runs, windowSeconds), file);
    }

    static XYChart timelineChart(String title, Map<String, RateTimeline> runs, double windowSeconds) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("seconds since the first event")
                .yAxisTitle("events/s (" + windowSeconds + " s windows)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        for (Map.Entry<String, RateTimeline> run : runs.entrySet()) {
            List<double[]> rates = run.getValue().rates(windowSeconds);
            if (rates.isEmpty()) {
                continue;
            }
            double[] x = new double[rates.size() + 1];
            double[] y = new double[rates.size() + 1];
            for (int i = 0; i < rates.size(); i++) { // each window's rate drawn at its end, from (0, first rate)
                x[i + 1] = rates.get(i)[0];
                y[i + 1] = rates.get(i)[1];
            }
            y[0] = y[1];
            chart.addSeries(run.getKey(), x, y);
        }
        return chart;
    }

    /** One bar per label, in the order given, with the value printed above it. */
    public static Path bars(Path file, String title, String valueTitle, Map<String, Double> values) throws IOException {
        return write(barChart(title, valueTitle, values), file);
    }

    static CategoryChart barChart(String title, String valueTitle, Map<String, Double> values) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT + 120)
                .title(title)
                .yAxisTitle(valueTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(40);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(java.awt.Color.BLACK);
        chart.getStyler().setLabelsPosition(0.98);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries(valueTitle, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
        return chart;
    }

    /** One line per run over the percentiles of {@link LatencyRecorder#CHART_PERCENTILES}, in milliseconds. */
    public static Path percentiles(Path file, String title, Map<String, LatencyRecorder> runs) throws IOException {
        return write(percentileChart(title, runs), file);
    }

    static CategoryChart percentileChart(String title, Map<String, LatencyRecorder> runs) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("percentile")
                .yAxisTitle("milliseconds")
                .build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0);
        List<String> labels = new ArrayList<>();
        for (double p : LatencyRecorder.CHART_PERCENTILES) {
            labels.add(LatencyRecorder.label(p));
        }
        for (Map.Entry<String, LatencyRecorder> run : runs.entrySet()) {
            if (run.getValue().count() == 0) {
                continue;
            }
            List<Long> ms = new ArrayList<>();
            for (double p : LatencyRecorder.CHART_PERCENTILES) {
                ms.add(run.getValue().percentile(p));
            }
            chart.addSeries(run.getKey(), labels, ms);
        }
        return chart;
    }

    /** The values of a percentile chart's line as a Markdown table row's cells: p50 | p90 | ... | max. */
    public static String percentileCells(LatencyRecorder latencies) {
        List<String> cells = new ArrayList<>();
        for (double p : LatencyRecorder.CHART_PERCENTILES) {
            cells.add(Long.toString(latencies.percentile(p)));
        }
        return String.join(" | ", cells);
    }

    /** The runs of a percentile chart as a Markdown table on standard output, under {@code heading}. */
    public static void printPercentiles(String heading, String firstColumn, Map<String, LatencyRecorder> runs) {
        if (runs.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println(heading);
        StringBuilder header = new StringBuilder("| " + firstColumn + " | events |");
        for (double p : LatencyRecorder.CHART_PERCENTILES) {
            header.append(' ').append(LatencyRecorder.label(p)).append(" |");
        }
        System.out.println(header);
        System.out.println("|---".repeat(LatencyRecorder.CHART_PERCENTILES.length + 2) + "|");
        runs.forEach((run, latencies) ->
                System.out.println("| " + run + " | " + latencies.count() + " | " + percentileCells(latencies) + " |"));
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
    }

    private static Path write(Chart<?, ?> chart, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
