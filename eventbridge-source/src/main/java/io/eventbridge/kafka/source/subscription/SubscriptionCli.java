package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.source.config.ConfigFiles;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscription reconcile as a command, for teams that plan infrastructure before they deploy, and for removal:
 * Kafka Connect tells a connector that it stops, never that it was deleted, so the connector itself never deletes.
 * {@code plan} reads and prints what {@code apply} would do; {@code apply} does it; {@code teardown} deletes exactly
 * the resources tagged as the named connector's. Run through {@code bin/eventbridge-subscription} in the archive.
 */
public final class SubscriptionCli {
    private static final String USAGE = "usage: eventbridge-subscription plan|apply --config FILE [--connector NAME]\n"
            + "       eventbridge-subscription teardown --config FILE --connector NAME [--dry-run]\n"
            + "FILE: a source connector config, standalone .properties or REST .json ({\"name\":...,\"config\":{...}})";

    private SubscriptionCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 done, 1 failed, 2 wrong usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("plan", "apply", "teardown").contains(args[0])) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "--connector" -> {
                    if (i + 1 >= args.length) {
                        err.println(args[i] + " needs a value\n" + USAGE);
                        return 2;
                    }
                    options.put(args[i], args[++i]);
                }
                case "--dry-run" -> options.put("--dry-run", "true");
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (!options.containsKey("--config") || args[0].equals("teardown") && !options.containsKey("--connector")) {
            err.println(USAGE);
            return 2;
        }
        try {
            Map<String, String> props = ConfigFiles.read(Path.of(options.get("--config")));
            String connector = options.getOrDefault("--connector", props.get("name"));
            if (connector == null || connector.isBlank()) {
                err.println("The config has no 'name'; give the connector's name with --connector");
                return 2;
            }
            props.put("name", connector);
            props.put("subscription.mode", "managed");
            try (SubscriptionReconciler reconciler =
                    SubscriptionReconciler.create(new EventBridgeSourceConfig(props), connector)) {
                switch (args[0]) {
                    case "plan" ->
                        print(out, "Plan for " + connector, reconciler.plan().changes(), "would change");
                    case "apply" -> {
                        SubscriptionReconciler.Outcome o = reconciler.apply();
                        print(out, "Applied for " + connector, o.changes(), "changed");
                        out.println("Queue: " + o.queueUrl());
                        o.ruleArns().forEach(r -> out.println("Rule:  " + r));
                    }
                    default -> {
                        boolean dryRun = options.containsKey("--dry-run");
                        print(
                                out,
                                (dryRun ? "Teardown plan for " : "Teardown of ") + connector,
                                reconciler.teardown(dryRun),
                                dryRun ? "would delete" : "deleted");
                    }
                }
            }
            return 0;
        } catch (IOException e) {
            err.println("Cannot read " + options.get("--config") + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, String title, List<Change> changes, String verb) {
        out.println(title + ":");
        changes.forEach(c -> out.println("  " + c));
        out.println(
                changes.isEmpty()
                        ? "No changes: the account is as the config says."
                        : changes.size() + " " + "resource(s) " + verb + ".");
    }
}
