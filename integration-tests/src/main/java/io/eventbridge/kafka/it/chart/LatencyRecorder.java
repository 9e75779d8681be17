package io.eventbridge.kafka.it.chart;

import java.util.Arrays;

/**
 * Every latency of a run, in milliseconds, kept whole (a benchmark's runs hold at most a few hundred thousand), so
 * its percentiles are exact by nearest rank rather than read from buckets. Safe to add to from several threads.
 */
public final class LatencyRecorder {
    /** The percentiles a latency chart and table show, as fractions; 1.0 is the maximum. */
    public static final double[] CHART_PERCENTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    public synchronized int count() {
        return size;
    }

    /**
     * The nearest-rank percentile: the smallest latency that at least {@code fraction} of all latencies are at or
     * below. {@code fraction} 1.0 is the maximum.
     */
    public synchronized long percentile(double fraction) {
        if (size == 0) {
            throw new IllegalStateException("no latency recorded");
        }
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.max(0, rank - 1)];
    }

    /** A percentile's label: p50, p99.9, max. */
    public static String label(double fraction) {
        if (fraction == 1.0) {
            return "max";
        }
        String p = java.math.BigDecimal.valueOf(fraction * 100)
                .stripTrailingZeros()
                .toPlainString();
        return "p" + p;
    }
}
