package io.eventbridge.kafka.it.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording's execution samples (Java 17 has no {@code jfr view}): by self time (the
 * top frame) and by total time (anywhere on the stack), for the threads whose name matches a pattern, with the
 * sample counts by thread. Used to profile the workers of {@link Efficiency}.
 *
 * <p>Arguments: {@code <file.jfr> [thread-name regex, default .*] [rows, default 40] [package prefix to group total
 * time by, e.g. software.amazon.awssdk]}.
 */
public final class JfrTop {
    private JfrTop() {}

    public static void main(String[] args) throws Exception {
        Pattern threads = Pattern.compile(args.length > 1 ? args[1] : ".*");
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byArea = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            if (thread == null || !threads.matcher(thread).find()) {
                continue;
            }
            samples++;
            byThread.merge(thread.replaceAll("\\d+", "N"), 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.get(0)), 1, Integer::sum);
            byArea.merge(area(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    total.merge(name(f), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d samples of threads matching %s%n%n", samples, threads);
        print("threads", byThread, samples, rows);
        print("area (the innermost frame of a known library or of the connectors)", byArea, samples, rows);
        print("self", self, samples, rows);
        print("total", total, samples, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The innermost frame's library: ours, the AWS SDK, Jackson, Kafka, Apache HTTP, the JDK's, or other. */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (String prefix : new String[] {
                "io.eventbridge.kafka",
                "software.amazon.awssdk",
                "com.fasterxml.jackson",
                "org.apache.kafka",
                "org.apache.http",
                "io.netty",
                "org.slf4j",
                "org.apache.logging"
            }) {
                if (type.startsWith(prefix)) {
                    return prefix;
                }
            }
        }
        return "JDK only: " + frames.get(0).getMethod().getType().getName().replaceAll("\\.[^.]*$", "");
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.println("## " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> System.out.printf(
                        Locale.ROOT, "%6.1f%%  %6d  %s%n", 100.0 * e.getValue() / samples, e.getValue(), e.getKey()));
        System.out.println();
    }
}
