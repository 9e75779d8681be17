package io.eventbridge.kafka.it.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A running count sampled over time (events delivered so far), read back as events/s per window: what a
 * benchmark's events/s-over-time chart plots. Samples must come in time order; the count at a window's edges is
 * interpolated between the samples around it, so a sampling interval that does not divide the window does not
 * alias into the rate.
 */
public final class RateTimeline {
    private final long startNanos;
    private final List<long[]> samples = new ArrayList<>();

    /** @param startNanos the {@link System#nanoTime()} that is time 0 of the chart; the count there is 0 */
    public RateTimeline(long startNanos) {
        this.startNanos = startNanos;
        samples.add(new long[] {startNanos, 0});
    }

    /** The count at {@code nanos}; a sample older than the last one is refused. */
    public synchronized void sample(long nanos, long count) {
        long[] last = samples.get(samples.size() - 1);
        if (nanos < last[0]) {
            throw new IllegalArgumentException("sample at " + nanos + " before the last one at " + last[0]);
        }
        samples.add(new long[] {nanos, count});
    }

    /** Seconds from time 0 to the last sample. */
    public synchronized double seconds() {
        return (samples.get(samples.size() - 1)[0] - startNanos) / 1e9;
    }

    /**
     * Events/s in consecutive windows of {@code windowSeconds} from time 0, each as {@code [window end in seconds,
     * events/s]}; a last, shorter window up to the last sample is included when it is at least a tenth of a window.
     */
    public synchronized List<double[]> rates(double windowSeconds) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowSeconds);
        }
        List<double[]> rates = new ArrayList<>();
        double end = seconds();
        double from = 0;
        double countFrom = 0;
        while (from < end) {
            double to = Math.min(end, from + windowSeconds);
            if (to - from < windowSeconds / 10 && !rates.isEmpty()) {
                break;
            }
            double countTo = countAt(to);
            rates.add(new double[] {to, (countTo - countFrom) / (to - from)});
            from = to;
            countFrom = countTo;
        }
        return rates;
    }

    /** The count at {@code seconds} from time 0, linear between the samples on either side. */
    private double countAt(double seconds) {
        long nanos = startNanos + Math.round(seconds * 1e9);
        long[] before = samples.get(0);
        for (long[] sample : samples) {
            if (sample[0] >= nanos) {
                if (sample[0] == before[0]) {
                    return sample[1];
                }
                double share = (double) (nanos - before[0]) / (sample[0] - before[0]);
                return before[1] + share * (sample[1] - before[1]);
            }
            before = sample;
        }
        return before[1];
    }
}
