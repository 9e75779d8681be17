package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.MainArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The failure matrix on a 3-worker {@link ProcessCluster} (scripts/chaos.sh): each scenario run {@code runs} times in a
 * row, each run injecting its fault at a random point of a steady feed. Prints one Markdown table row per scenario.
 *
 * <p>Arguments: {@code runs=5 rate=300 seconds=40 visibility=20 heap=256m seed=<n>
 * scenarios=sink:kill-one,...}: {@code sink} or {@code source}, then kill-one, kill-all, broker-restart, kafka-down,
 * blackhole, unavailable, expiring-credentials or (sink only) dlq-unwritable (see {@link #fault}).
 */
public final class Chaos {
    private Chaos() {}

    /** The scenarios by name, with the production-like durations the matrix uses. */
    static Fault fault(String name, int visibilitySeconds) {
        return switch (name) {
            case "kill-one" -> Fault.KILL_ONE_WORKER;
            case "kill-all" -> Fault.KILL_ALL_WORKERS;
            case "broker-restart" -> Fault.brokerDown("broker-restart", Duration.ofSeconds(5));
            // scenario 6: Kafka gone for longer than the source's visibility timeout
            case "kafka-down" -> Fault.brokerDown("kafka-down", Duration.ofSeconds(visibilitySeconds + 15L));
            case "blackhole" -> Fault.blackhole(Duration.ofSeconds(10)); // the default call timeout: 20 s of blackhole
            case "unavailable" -> Fault.serviceUnavailable(Duration.ofSeconds(60));
            case "expiring-credentials" -> Fault.expiringCredentials(Duration.ofSeconds(60));
            case "dlq-unwritable" -> Fault.deadLetterTopicUnwritable(Duration.ofSeconds(30));
            default -> throw new IllegalArgumentException("unknown fault " + name);
        };
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = MainArgs.parse(
                Map.of(
                        "runs",
                        "5",
                        "rate",
                        "300",
                        "seconds",
                        "40",
                        "visibility",
                        "20",
                        "heap",
                        "256m",
                        "seed",
                        Long.toString(System.nanoTime()),
                        "scenarios",
                        String.join(
                                ",",
                                "sink:kill-one",
                                "sink:kill-all",
                                "sink:broker-restart",
                                "sink:blackhole",
                                "sink:expiring-credentials",
                                "sink:dlq-unwritable",
                                "source:kill-one",
                                "source:kill-all",
                                "source:broker-restart",
                                "source:kafka-down",
                                "source:blackhole",
                                "source:unavailable",
                                "source:expiring-credentials")),
                args);
        int runs = Integer.parseInt(opts.get("runs"));
        FailureRun.Load load = new FailureRun.Load(
                Integer.parseInt(opts.get("rate")),
                Integer.parseInt(opts.get("seconds")),
                Integer.parseInt(opts.get("visibility")),
                Duration.ofMinutes(5));
        Random random = new Random(Long.parseLong(opts.get("seed")));
        List<String> rows = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(3, opts.get("heap"), Map.of())) {
            for (String scenario : opts.get("scenarios").split(",")) {
                String[] parts = scenario.split(":");
                List<FailureRun.Outcome> outcomes = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    outcomes.add(FailureRun.run(
                            cluster, parts[0], fault(parts[1], load.visibilitySeconds()), run, load, random));
                }
                rows.add(row(scenario, outcomes));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nseed=%s, %s, 3 workers -Xmx%s; worker settings %s%n%n",
                opts.get("seed"),
                load,
                opts.get("heap"),
                ProcessCluster.FAST_FAILOVER);
        System.out.println("| scenario | runs | events | lost | max duplicates | recovery (median / max) | notes |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static String row(String scenario, List<FailureRun.Outcome> outcomes) {
        long events = outcomes.stream().mapToLong(FailureRun.Outcome::events).sum();
        long lost = outcomes.stream().mapToLong(FailureRun.Outcome::lost).sum();
        long maxDuplicates = outcomes.stream()
                .mapToLong(FailureRun.Outcome::duplicates)
                .max()
                .orElse(0);
        long[] recovery = outcomes.stream()
                .mapToLong(FailureRun.Outcome::recoveryMillis)
                .sorted()
                .toArray();
        String notes = String.join(
                "; ",
                outcomes.stream()
                        .map(FailureRun.Outcome::note)
                        .filter(n -> !n.isEmpty())
                        .toList());
        String states = outcomes.stream()
                .map(FailureRun.Outcome::finalStates)
                .distinct()
                .toList()
                .toString();
        return String.format(
                Locale.ROOT,
                "| %s | %d | %,d | %d | %,d | %.1f s / %.1f s | end states %s%s |",
                scenario,
                outcomes.size(),
                events,
                lost,
                maxDuplicates,
                recovery[recovery.length / 2] / 1000.0,
                recovery[recovery.length - 1] / 1000.0,
                states,
                notes.isEmpty() ? "" : "; " + notes);
    }
}
