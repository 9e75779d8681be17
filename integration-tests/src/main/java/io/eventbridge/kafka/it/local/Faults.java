package io.eventbridge.kafka.it.local;

import java.util.Random;

/**
 * Faults the local EventBridge injects into PutEvents, drawn from one seeded {@link Random} so a
 * run can be repeated. Rates are probabilities in [0, 1]; all default to 0 (a clean endpoint).
 */
public final class Faults {
    private volatile long latencyMs;
    private volatile double entryThrottleRate;
    private volatile double entryInternalFailureRate;
    private volatile double http500Rate;
    private volatile double requestThrottleRate;
    private volatile double stallRate;
    private volatile long stallMs = 30_000;
    private Random random = new Random(42);

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

    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    public Faults clear() {
        return latencyMs(0).entryThrottleRate(0).entryInternalFailureRate(0).http500Rate(0)
            .requestThrottleRate(0).stall(0, 30_000);
    }

    synchronized boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
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
}
