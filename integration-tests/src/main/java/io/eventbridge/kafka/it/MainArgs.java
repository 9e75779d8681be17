package io.eventbridge.kafka.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} arguments of the benchmark and chaos mains, over their defaults. */
public final class MainArgs {
    private MainArgs() {}

    /**
     * The defaults with the arguments applied; fails on an argument that is not {@code key=value} with a known key.
     * Keys starting with {@code passThrough} (e.g. {@code set.}), when given, are kept too, with the prefix.
     */
    public static Map<String, String> parse(Map<String, String> defaults, String[] args, String passThrough) {
        Map<String, String> opts = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            boolean passed = passThrough != null && arg.startsWith(passThrough);
            if (eq < 0 || !(passed || opts.containsKey(arg.substring(0, eq)))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + defaults.keySet()
                        + (passThrough == null ? "" : " and " + passThrough + "<key>"));
            }
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return opts;
    }

    public static Map<String, String> parse(Map<String, String> defaults, String[] args) {
        return parse(defaults, args, null);
    }

    /** The arguments under {@code prefix}, without it. */
    public static Map<String, String> under(Map<String, String> opts, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        opts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
