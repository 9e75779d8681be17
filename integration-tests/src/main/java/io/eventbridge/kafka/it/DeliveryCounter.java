package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.chart.LatencyRecorder;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts the distinct Kafka records (partition, offset) of one topic that reached the local
 * EventBridge, from the envelope Detail, without keeping the events. Duplicates are counted apart.
 */
public final class DeliveryCounter implements Consumer<ReceivedEvent> {
    private final String topicField;
    private final BitSet[] seen;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final LatencyRecorder latencies;

    public DeliveryCounter(String topic, int partitions) {
        this(topic, partitions, null);
    }

    /**
     * @param latencies when not null, takes each first delivery's milliseconds from the record's Kafka timestamp (the
     *     envelope's {@code timestamp}) to the endpoint accepting its event
     */
    public DeliveryCounter(String topic, int partitions, LatencyRecorder latencies) {
        this.latencies = latencies;
        this.topicField = "\"topic\":\"" + topic + "\"";
        this.seen = new BitSet[partitions];
        for (int i = 0; i < partitions; i++) {
            seen[i] = new BitSet();
        }
    }

    @Override
    public void accept(ReceivedEvent event) {
        String d = event.detail();
        if (d == null || !d.contains(topicField)) {
            return;
        }
        int partition = (int) number(d, "\"partition\":");
        long offset = number(d, "\"offset\":");
        BitSet bits = seen[partition];
        synchronized (bits) {
            if (bits.get((int) offset)) {
                duplicates.incrementAndGet();
                return;
            }
            bits.set((int) offset);
        }
        distinct.incrementAndGet();
        if (latencies != null) {
            latencies.add(System.currentTimeMillis() - number(d, "\"timestamp\":"));
        }
    }

    private static long number(String s, String field) {
        int i = s.indexOf(field) + field.length();
        long value = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            value = value * 10 + (s.charAt(i++) - '0');
        }
        return value;
    }

    public long distinct() {
        return distinct.get();
    }

    public long duplicates() {
        return duplicates.get();
    }
}
