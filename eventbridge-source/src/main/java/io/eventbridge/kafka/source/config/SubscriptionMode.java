package io.eventbridge.kafka.source.config;

/** Who builds the wiring from a bus to the queues ({@code subscription.mode}). */
public enum SubscriptionMode {
    /** Read the queues of aws.sqs.queue.urls; the connector checks nothing about how they are fed. */
    OFF,
    /** The connector owns its queue, dead-letter queue, queue policy, rules and targets, and reconciles them at start. */
    MANAGED,
    /** Read the queues of aws.sqs.queue.urls, built elsewhere, and warn at start about wiring that can lose events. */
    EXISTING
}
