package io.eventbridge.kafka.it.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a JVM's {@code -Xlog:gc} file: the heap each collection left. */
final class GcLog {
    /** {@code [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->21M(256M) 4.123ms} */
    private static final Pattern PAUSE =
            Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*Pause Young.* (\\d+)M->(\\d+)M\\(\\d+M\\)");

    private GcLog() {}

    /**
     * The smallest heap a young collection left in [fromNanos, toNanos) of this JVM's System.nanoTime (the log's
     * uptimes are placed by the process's start instant, to within a few milliseconds); -1 when none.
     */
    static long minHeapAfterMb(Path log, long fromNanos, long toNanos) {
        try {
            if (!Files.exists(log)) {
                return -1;
            }
            long min = Long.MAX_VALUE;
            double lastUptime = 0;
            java.util.List<double[]> pauses = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    double uptime = Double.parseDouble(m.group(1));
                    pauses.add(new double[] {uptime, Long.parseLong(m.group(3))});
                    lastUptime = uptime;
                }
            }
            // the JVM's uptime of System.nanoTime() now: uptime advances with the same clock
            double nowUptime = jvmUptimeNow(log, lastUptime);
            long now = System.nanoTime();
            for (double[] p : pauses) {
                long at = now - (long) ((nowUptime - p[0]) * 1e9);
                if (at >= fromNanos && at < toNanos) {
                    min = Math.min(min, (long) p[1]);
                }
            }
            return min == Long.MAX_VALUE ? -1 : min;
        } catch (IOException e) {
            return -1;
        }
    }

    private static double jvmUptimeNow(Path log, double fallback) {
        try {
            long pid = Long.parseLong(log.getFileName().toString().replaceAll("\\D", ""));
            return ProcessHandle.of(pid)
                    .flatMap(h -> h.info().startInstant())
                    .map(s -> (System.currentTimeMillis() - s.toEpochMilli()) / 1000.0)
                    .orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
