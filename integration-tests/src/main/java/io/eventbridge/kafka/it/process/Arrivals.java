package io.eventbridge.kafka.it.process;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which of a workload's numbered events have been sent and which have arrived, and when: enough to say what was
 * lost, how many came twice, and how long after a fault everything sent before it had arrived.
 */
final class Arrivals {
    private final AtomicLongArray sentAt;
    private final AtomicLongArray arrivedAt;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final java.util.Queue<String> duplicateSamples = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int DUPLICATE_SAMPLES = 100;

    Arrivals(int events) {
        this.sentAt = new AtomicLongArray(events);
        this.arrivedAt = new AtomicLongArray(events);
    }

    int size() {
        return sentAt.length();
    }

    /** Event {@code n} is being handed to Kafka or SQS now; the count sent is the highest n + 1. */
    void sent(int n) {
        sentAt.set(n, System.nanoTime());
        sent.accumulateAndGet(n + 1, Math::max);
    }

    int sentCount() {
        return sent.get();
    }

    /** Event {@code n} arrived where the connector delivers it; numbers outside the workload are ignored. */
    void arrived(long n) {
        if (n < 0 || n >= arrivedAt.length()) {
            return;
        }
        if (arrivedAt.compareAndSet((int) n, 0, System.nanoTime())) {
            distinct.incrementAndGet();
        } else if (duplicates.incrementAndGet() <= DUPLICATE_SAMPLES) {
            long now = System.nanoTime();
            duplicateSamples.add(String.format(
                    "%d (sent %d ms before, first arrival %d ms before)",
                    n, (now - sentAt.get((int) n)) / 1_000_000, (now - arrivedAt.get((int) n)) / 1_000_000));
        }
    }

    /** The first hundred duplicates: the event's number, and how long before the second copy it was sent and came. */
    java.util.List<String> duplicateSamples() {
        return java.util.List.copyOf(duplicateSamples);
    }

    long distinct() {
        return distinct.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** The events sent that have not arrived. */
    long missing() {
        return sent.get() - distinct.get();
    }

    /**
     * The time an event took in the steady state before the fault: the 99th percentile over the events that arrived
     * in the {@code windowMillis} before {@code faultNanos}, in milliseconds (0 when none did).
     */
    long p99BeforeMillis(long faultNanos, long windowMillis) {
        long from = faultNanos - windowMillis * 1_000_000;
        java.util.List<Long> latencies = new java.util.ArrayList<>();
        for (int i = 0; i < sent.get(); i++) {
            long at = arrivedAt.get(i);
            if (at != 0 && at <= faultNanos && at >= from) {
                latencies.add(at - sentAt.get(i));
            }
        }
        if (latencies.isEmpty()) {
            return 0;
        }
        java.util.Collections.sort(latencies);
        return latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1)) / 1_000_000;
    }

    /**
     * Milliseconds from {@code faultNanos} until the last event the fault delayed had arrived: an event that arrived
     * after the fault having taken longer than {@code delayedMillis}. 0 when the fault delayed none; -1 while an
     * event sent has not arrived.
     */
    long recoveryMillis(long faultNanos, long delayedMillis) {
        long last = faultNanos;
        for (int i = 0; i < sent.get(); i++) {
            long at = arrivedAt.get(i);
            if (at == 0) {
                return -1;
            }
            if (at > faultNanos && (at - sentAt.get(i)) / 1_000_000 > delayedMillis) {
                last = Math.max(last, at);
            }
        }
        return (last - faultNanos) / 1_000_000;
    }

    /** Events that arrived in [fromNanos, toNanos). */
    long arrivedBetween(long fromNanos, long toNanos) {
        long n = 0;
        for (int i = 0; i < sent.get(); i++) {
            long at = arrivedAt.get(i);
            if (at >= fromNanos && at < toNanos) {
                n++;
            }
        }
        return n;
    }

    /** The time each event sent in [fromNanos, toNanos) took to arrive, in microseconds, sorted; not yet arrived left out. */
    long[] latenciesMicros(long fromNanos, long toNanos) {
        return java.util.stream.IntStream.range(0, sent.get())
                .filter(i -> sentAt.get(i) >= fromNanos && sentAt.get(i) < toNanos && arrivedAt.get(i) != 0)
                .mapToLong(i -> (arrivedAt.get(i) - sentAt.get(i)) / 1_000)
                .sorted()
                .toArray();
    }

    /** The first and last arrival, in nanos; {0, 0} when none. */
    long[] arrivalSpan() {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int i = 0; i < sent.get(); i++) {
            long at = arrivedAt.get(i);
            if (at != 0) {
                first = Math.min(first, at);
                last = Math.max(last, at);
            }
        }
        return last == 0 ? new long[] {0, 0} : new long[] {first, last};
    }

    /** Reads the first {@code "n":<digits>} of a JSON text: the workload's event number, or -1. */
    static long number(String json) {
        int i = json == null ? -1 : json.indexOf("\"n\":");
        if (i < 0) {
            return -1;
        }
        i += 4;
        long value = 0;
        int start = i;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            value = value * 10 + (json.charAt(i++) - '0');
        }
        return i == start ? -1 : value;
    }
}
