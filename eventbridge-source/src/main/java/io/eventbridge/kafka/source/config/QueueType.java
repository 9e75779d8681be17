package io.eventbridge.kafka.source.config;

/** The kind of queue subscription mode creates ({@code subscription.queue.type}). */
public enum QueueType {
    /** A standard queue: at-least-once, best-effort order, nearly unlimited throughput. */
    STANDARD,
    /** A FIFO queue, content-based deduplication on, one message group (subscription.fifo.message.group.id). */
    FIFO
}
