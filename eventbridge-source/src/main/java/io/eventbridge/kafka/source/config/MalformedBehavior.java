package io.eventbridge.kafka.source.config;

/** What happens to an SQS message whose body cannot be turned into a record ({@code malformed.behavior}). */
public enum MalformedBehavior {
    /** Written to {@code dead.letter.topic} with the raw body and reason headers, then deleted from the queue. */
    DEAD_LETTER,
    /** Left in the queue: it becomes visible again and the queue's own redrive policy decides. */
    LEAVE
}
