package io.eventbridge.kafka.source.config;

/** What a body that is not an EventBridge envelope becomes ({@code non.envelope.behavior}). */
public enum NonEnvelopeBehavior {
    /**
     * An event with the SQS message id as id, {@code fallback.source} and {@code fallback.detail.type}, the
     * SentTimestamp as time, and the body as detail (a JSON object as it is, anything else as {"body": ...}).
     */
    WRAP,
    /** Treated as malformed. */
    MALFORMED
}
