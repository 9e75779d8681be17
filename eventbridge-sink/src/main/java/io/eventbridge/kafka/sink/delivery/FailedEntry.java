package io.eventbridge.kafka.sink.delivery;

import io.eventbridge.kafka.common.dlq.Failure;

/** An entry that will not be delivered, waiting for the task thread to apply errors.tolerance. */
public record FailedEntry(PendingEntry entry, Failure failure) {}
