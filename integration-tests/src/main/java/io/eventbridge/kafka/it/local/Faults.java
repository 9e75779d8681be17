package io.eventbridge.kafka.it.local;

import java.util.SplittableRandom;

/**
 * Faults the local EventBridge injects into PutEvents. Rates are probabilities in [0, 1]; all
 * default to 0 (a clean endpoint). Each request thread draws from its own generator, split from one
 * seeded generator, so draws need no lock: a shared lock would slow only the runs with faults and
 * make them look worse than the connector makes them.
 */
public final class Faults {
    private volatile long latencyMs;
    private volatile double entryThrottleRate;
    private volatile double entryInternalFailureRate;
    private volatile double http500Rate;
    private volatile double requestThrottleRate;
    private volatile double stallRate;
    private volatile long stallMs = 30_000;
    private volatile double accountQuotaPerSecond;
    private volatile double accountQuotaBurst;
    private volatile boolean schemasUnavailable;
    private final java.util.Map<String, FaultProxy> proxies = new java.util.concurrent.ConcurrentHashMap<>();
    private SplittableRandom seeded = new SplittableRandom(42);
    private volatile int generation;
    private final ThreadLocal<int[]> threadGeneration = ThreadLocal.withInitial(() -> new int[] {-1});
    private final ThreadLocal<SplittableRandom[]> threadRandom = ThreadLocal.withInitial(() -> new SplittableRandom[1]);

    public Faults latencyMs(long value) {
        latencyMs = value;
        return this;
    }

    public Faults entryThrottleRate(double value) {
        entryThrottleRate = value;
        return this;
    }

    public Faults entryInternalFailureRate(double value) {
        entryInternalFailureRate = value;
        return this;
    }

    public Faults http500Rate(double value) {
        http500Rate = value;
        return this;
    }

    public Faults requestThrottleRate(double value) {
        requestThrottleRate = value;
        return this;
    }

    /** A stalled request gets no answer for {@code stallMs}, then the connection is dropped. */
    public Faults stall(double rate, long millis) {
        stallRate = rate;
        stallMs = millis;
        return this;
    }

    /**
     * The account-wide PutEvents quota: at most {@code requestsPerSecond} requests per account, over all clients,
     * with a bucket of {@code burst} requests (0: one second of the quota); further requests get ThrottlingException.
     * 0 turns it off.
     */
    public Faults accountQuota(double requestsPerSecond, double burst) {
        accountQuotaPerSecond = requestsPerSecond;
        accountQuotaBurst = burst;
        return this;
    }

    /** While true, every Schemas API request answers 503 ServiceUnavailableException: the registry is down. */
    public Faults schemasUnavailable(boolean value) {
        schemasUnavailable = value;
        return this;
    }

    public synchronized Faults seed(long seed) {
        seeded = new SplittableRandom(seed);
        generation++;
        return this;
    }

    /** Puts a TCP proxy under these faults' control: the admin API's {@code proxy.<name>.*} settings. */
    public Faults attach(FaultProxy proxy) {
        proxies.put(proxy.name(), proxy);
        return this;
    }

    public Faults clear() {
        proxies.values().forEach(FaultProxy::clear);
        return latencyMs(0)
                .entryThrottleRate(0)
                .entryInternalFailureRate(0)
                .http500Rate(0)
                .requestThrottleRate(0)
                .stall(0, 30_000)
                .accountQuota(0, 0)
                .schemasUnavailable(false);
    }

    /**
     * Sets the faults named in {@code settings} (the admin API's query parameters): latencyMs,
     * entryThrottleRate, entryInternalFailureRate, http500Rate, requestThrottleRate, stallRate, stallMs,
     * accountQuotaRequestsPerSecond, accountQuotaBurst, schemasUnavailable (true or false), seed; and for each
     * {@link #attach attached} proxy {@code proxy.<name>.}latencyMs, bytesPerSecond, blackholeSeconds,
     * refuseSeconds, reset (true: reset the open connections) and clear (true).
     *
     * @throws IllegalArgumentException for an unknown name or a value out of range
     */
    public Faults apply(java.util.Map<String, String> settings) {
        // every setting is checked before any is applied: a refused request changes nothing
        java.util.List<Runnable> changes = new java.util.ArrayList<>();
        for (var e : settings.entrySet()) {
            String name = e.getKey();
            String v = e.getValue();
            try {
                if (name.startsWith("proxy.")) {
                    changes.add(proxySetting(name, v));
                    continue;
                }
                changes.add(
                        switch (name) {
                            case "latencyMs" -> millis(name, v, this::latencyMs);
                            case "entryThrottleRate" -> rate(name, v, this::entryThrottleRate);
                            case "entryInternalFailureRate" -> rate(name, v, this::entryInternalFailureRate);
                            case "http500Rate" -> rate(name, v, this::http500Rate);
                            case "requestThrottleRate" -> rate(name, v, this::requestThrottleRate);
                            case "stallRate" -> rate(name, v, r -> stall(r, stallMs));
                            case "stallMs" -> millis(name, v, ms -> stall(stallRate, ms));
                            case "accountQuotaRequestsPerSecond" -> {
                                double rate = nonNegative(name, Double.parseDouble(v));
                                yield () -> accountQuota(rate, accountQuotaBurst);
                            }
                            case "accountQuotaBurst" -> {
                                double burst = nonNegative(name, Double.parseDouble(v));
                                yield () -> accountQuota(accountQuotaPerSecond, burst);
                            }
                            case "schemasUnavailable" -> {
                                if (!v.equals("true") && !v.equals("false")) {
                                    throw new IllegalArgumentException(name + " is true or false, not " + v);
                                }
                                boolean down = Boolean.parseBoolean(v);
                                yield () -> schemasUnavailable(down);
                            }
                            case "seed" -> {
                                long seed = Long.parseLong(v);
                                yield () -> seed(seed);
                            }
                            default -> throw new IllegalArgumentException("unknown fault setting " + name);
                        });
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(name + " is not a number: " + v);
            }
        }
        changes.forEach(Runnable::run);
        return this;
    }

    private Runnable proxySetting(String name, String v) {
        int dot = name.lastIndexOf('.');
        FaultProxy proxy = dot > 6 ? proxies.get(name.substring(6, dot)) : null;
        if (proxy == null) {
            throw new IllegalArgumentException("no proxy named in " + name + "; proxies: " + proxies.keySet());
        }
        String setting = name.substring(dot + 1);
        return switch (setting) {
            case "latencyMs" -> {
                long ms = nonNegative(name, Long.parseLong(v));
                yield () -> proxy.latencyMs(ms);
            }
            case "bytesPerSecond" -> {
                long bps = nonNegative(name, Long.parseLong(v));
                yield () -> proxy.bytesPerSecond(bps);
            }
            case "blackholeSeconds" -> {
                long seconds = nonNegative(name, Long.parseLong(v));
                yield () -> proxy.blackhole(java.time.Duration.ofSeconds(seconds));
            }
            case "refuseSeconds" -> {
                long seconds = nonNegative(name, Long.parseLong(v));
                yield () -> proxy.refuse(java.time.Duration.ofSeconds(seconds));
            }
            case "reset", "clear" -> {
                if (!v.equals("true")) {
                    throw new IllegalArgumentException(name + " takes true, not " + v);
                }
                yield setting.equals("reset") ? proxy::resetConnections : proxy::clear;
            }
            default -> throw new IllegalArgumentException("unknown proxy setting " + name);
        };
    }

    private static Runnable rate(String name, String value, java.util.function.DoubleFunction<Faults> setter) {
        double rate = rate(name, value);
        return () -> setter.apply(rate);
    }

    private static Runnable millis(String name, String value, java.util.function.LongFunction<Faults> setter) {
        long ms = nonNegative(name, Long.parseLong(value));
        return () -> setter.apply(ms);
    }

    private static double rate(String name, String value) {
        double rate = Double.parseDouble(value);
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
        return rate;
    }

    private static double nonNegative(String name, double value) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    private static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    /** The current settings as a JSON object. */
    public String toJson() {
        return String.format(
                        java.util.Locale.ROOT,
                        "{\"latencyMs\":%d,\"entryThrottleRate\":%s,"
                                + "\"entryInternalFailureRate\":%s,\"http500Rate\":%s,\"requestThrottleRate\":%s,\"stallRate\":%s,"
                                + "\"stallMs\":%d,\"accountQuotaRequestsPerSecond\":%s,\"accountQuotaBurst\":%s,"
                                + "\"schemasUnavailable\":%s}",
                        latencyMs,
                        entryThrottleRate,
                        entryInternalFailureRate,
                        http500Rate,
                        requestThrottleRate,
                        stallRate,
                        stallMs,
                        accountQuotaPerSecond,
                        accountQuotaBurst,
                        schemasUnavailable)
                .replaceFirst("}$", proxiesJson() + "}");
    }

    private String proxiesJson() {
        if (proxies.isEmpty()) {
            return "";
        }
        StringBuilder json = new StringBuilder(",\"proxies\":{");
        proxies.values().stream()
                .sorted(java.util.Comparator.comparing(FaultProxy::name))
                .forEach(p -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                        .append('"')
                        .append(p.name())
                        .append("\":")
                        .append(p.toJson()));
        return json.append('}').toString();
    }

    boolean draw(double rate) {
        if (rate <= 0) {
            return false;
        }
        int[] seen = threadGeneration.get();
        SplittableRandom[] random = threadRandom.get();
        if (seen[0] != generation || random[0] == null) {
            synchronized (this) { // once per thread and seed
                random[0] = seeded.split();
                seen[0] = generation;
            }
        }
        return random[0].nextDouble() < rate;
    }

    long latencyMs() {
        return latencyMs;
    }

    double entryThrottleRate() {
        return entryThrottleRate;
    }

    double entryInternalFailureRate() {
        return entryInternalFailureRate;
    }

    double http500Rate() {
        return http500Rate;
    }

    double requestThrottleRate() {
        return requestThrottleRate;
    }

    double stallRate() {
        return stallRate;
    }

    long stallMs() {
        return stallMs;
    }

    double accountQuotaPerSecond() {
        return accountQuotaPerSecond;
    }

    double accountQuotaBurst() {
        return accountQuotaBurst;
    }

    boolean schemasUnavailable() {
        return schemasUnavailable;
    }
}
