package io.eventbridge.kafka.sink.config;

/** event.filter: what decides whether an event is worth sending. */
public enum FilterMode {
    /** event.filter.pattern, when set; else every event is sent. */
    PATTERN,
    /** The enabled rules and the archives of the bus, read every event.filter.refresh.ms (and the pattern, if set). */
    BUS_RULES
}
