package io.eventbridge.kafka.sink.config;

/** in.flight.window: whether the PutEvents window adapts to throttling. */
public enum WindowMode {
    /** Additive increase, multiplicative decrease under max.in.flight.requests. */
    ADAPTIVE,
    /** Always max.in.flight.requests. */
    FIXED
}
