package io.eventbridge.kafka.it.process;

import java.util.Map;

/**
 * A connector moving numbered events ({@code "n": i}) through the {@link ProcessCluster}, with the events it was
 * given and the ones that arrived at the far side counted in {@link #arrivals()}.
 */
abstract class Workload implements AutoCloseable {
    protected final ProcessCluster cluster;
    protected final String name;
    protected final Arrivals arrivals;

    Workload(ProcessCluster cluster, String name, int events) {
        this.cluster = cluster;
        this.name = name;
        this.arrivals = new Arrivals(events);
    }

    /** {@code sink} or {@code source}. */
    abstract String kind();

    /** Creates the topic, bus or queue and starts watching where the events arrive. */
    abstract void prepare() throws Exception;

    /** The connector's config. */
    abstract Map<String, String> config();

    /** Hands events {@code from} (inclusive) to {@code to} (exclusive) to Kafka or SQS, in order. */
    abstract void send(int from, int to) throws Exception;

    /** Whether nothing more can arrive (no event could still come a second time). */
    abstract boolean settled() throws Exception;

    /**
     * How many more copies of events the input holds than were sent (a sender's retry that wrote one twice), so that
     * duplicates the connector did not make are told apart; -1 where the input cannot be counted.
     */
    long inputSurplus() throws Exception {
        return -1;
    }

    String connector() {
        return name;
    }

    Arrivals arrivals() {
        return arrivals;
    }

    /** The event's JSON, marked with this workload's name so that other runs' events are told apart. */
    String detail(int n) {
        return "{\"run\":\"" + name + "\",\"n\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}";
    }

    @Override
    public void close() {}
}
