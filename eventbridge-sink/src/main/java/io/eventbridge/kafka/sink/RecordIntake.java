package io.eventbridge.kafka.sink;

import io.eventbridge.kafka.common.dlq.DeadLetterReporter;
import io.eventbridge.kafka.common.dlq.DeadLetterWrites;
import io.eventbridge.kafka.common.dlq.ErrorTolerance;
import io.eventbridge.kafka.common.dlq.Failure;
import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.config.TombstoneBehavior;
import io.eventbridge.kafka.sink.delivery.DeliveryEngine;
import io.eventbridge.kafka.sink.delivery.FailedEntry;
import io.eventbridge.kafka.sink.delivery.OffsetTracker;
import io.eventbridge.kafka.sink.delivery.PartitionOffsets;
import io.eventbridge.kafka.sink.delivery.PendingEntry;
import io.eventbridge.kafka.sink.filter.AuditWriter;
import io.eventbridge.kafka.sink.filter.EventFilter;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import io.eventbridge.kafka.sink.mapping.MappedEvent;
import io.eventbridge.kafka.sink.mapping.MappingException;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import io.eventbridge.kafka.sink.schema.DetailSchemas;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code put()} does, on the task thread: map each record, decide what happens to it (send,
 * offload, skip, filter out, or report), hand it to the engine, apply back-pressure, and apply errors.tolerance
 * to records the engine could not deliver.
 */
final class RecordIntake {
    private static final Logger log = LoggerFactory.getLogger(RecordIntake.class);

    private final SinkTaskContext context;
    private final DeliveryEngine engine;
    private final OffsetTracker offsets;
    private final SinkMetrics metrics;
    private final DeadLetterReporter deadLetters;
    private final DeadLetterWrites deadLetterWrites = new DeadLetterWrites();
    private final EventMapper mapper;
    private final EventFilter filter;
    private final AuditWriter audit;
    private final DetailSchemas schemas;
    private final TombstoneBehavior tombstones;
    private final boolean offloading;
    private final int maxRequestBytes;
    private final int offloadThreshold;
    private final long maxRecords;
    private final long maxBytes;
    private final long maxBlockMs;
    private boolean paused;

    RecordIntake(
            EventBridgeSinkConfig config,
            SinkTaskContext context,
            DeliveryEngine engine,
            OffsetTracker offsets,
            SinkMetrics metrics,
            DeadLetterReporter deadLetters,
            boolean offloading,
            EventFilter filter,
            AuditWriter audit,
            DetailSchemas schemas) {
        this.context = context;
        this.engine = engine;
        this.offsets = offsets;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.mapper = new EventMapper(config);
        this.filter = filter;
        this.audit = audit;
        this.schemas = schemas;
        this.tombstones = config.tombstoneBehavior();
        this.offloading = offloading;
        this.maxRequestBytes = config.batchMaxBytes();
        this.offloadThreshold = Math.min(config.offloadThresholdBytes(), config.batchMaxBytes());
        this.maxRecords = config.bufferMaxRecords();
        this.maxBytes = config.bufferMaxBytes();
        this.maxBlockMs = config.putMaxBlockMs();
    }

    void put(Collection<SinkRecord> records) {
        throwIfFatal();
        reportFailures();
        for (SinkRecord record : records) {
            take(record);
        }
        backPressure(!records.isEmpty());
        reportFailures();
    }

    private void take(SinkRecord record) {
        PartitionOffsets partition =
                offsets.partition(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()));
        long offset = record.originalKafkaOffset();
        partition.take(offset);
        if (record.value() == null && tombstones == TombstoneBehavior.SKIP) {
            metrics.tombstoneSkipped();
            partition.finish(offset);
            return;
        }
        MappedEvent event;
        try {
            event = mapper.map(record);
        } catch (MappingException e) {
            metrics.failed(MappingException.CODE);
            report(record, new Failure(MappingException.CODE, e.getMessage(), 0, e), () -> partition.finish(offset));
            return;
        }
        PendingEntry entry = new PendingEntry(record, partition, offset, event.entry());
        if (filter != null && !wanted(record, entry, partition, offset)) {
            return;
        }
        if (offloading && entry.size() > offloadThreshold) {
            entry.setDetailToOffload(event.detailTree());
        } else if (entry.size() > maxRequestBytes) {
            metrics.failed(AwsErrorClassifier.ENTRY_TOO_LARGE);
            report(
                    record,
                    new Failure(
                            AwsErrorClassifier.ENTRY_TOO_LARGE,
                            "entry is " + entry.size()
                                    + " bytes (PutEvents size formula), over batch.max.bytes=" + maxRequestBytes
                                    + "; set aws.eventbridge.offloading.default.s3.bucket to offload large events",
                            0),
                    () -> partition.finish(offset));
            return;
        }
        if (schemas != null && event.view() != null) {
            describe(record, event);
        }
        engine.submit(entry);
    }

    /** Lets the schema of what is sent follow the record; a failure there never holds up the event. */
    private void describe(SinkRecord record, MappedEvent event) {
        try {
            schemas.observe(record, event.view(), event.entry());
        } catch (RuntimeException e) {
            metrics.schemaNotDescribed();
            log.debug(
                    "Could not describe the Detail of {}-{}@{}: {}",
                    record.topic(),
                    record.kafkaPartition(),
                    record.kafkaOffset(),
                    e.toString());
        }
    }

    /** Whether the filter wants the entry sent; an unwanted one is counted, audited if asked, and let go. */
    private boolean wanted(SinkRecord record, PendingEntry entry, PartitionOffsets partition, long offset) {
        com.fasterxml.jackson.databind.node.ObjectNode event;
        try {
            event = filter.envelope(entry.entry());
        } catch (java.io.IOException | RuntimeException e) {
            return true; // cannot be matched: sent, never lost
        }
        if (filter.wants(event)) {
            return true;
        }
        metrics.filtered(entry.size()); // not sent, not billed
        if (audit != null) {
            audit.write(record, event, partition, offset); // the offset finishes once the copy is acknowledged
        } else {
            partition.finish(offset);
        }
        return false;
    }

    /**
     * Waits while the buffer is over its limits; past put.max.block.ms it pauses the partitions
     * instead, so the consumer keeps polling, and resumes them once there is room.
     */
    private void backPressure(boolean tookRecords) {
        try {
            boolean room = engine.awaitRoom(maxRecords, maxBytes, paused || !tookRecords ? 0 : maxBlockMs);
            if (!room && !paused) {
                log.info(
                        "Buffer full ({} records); pausing consumption until deliveries catch up",
                        engine.bufferedRecords());
                context.pause(context.assignment().toArray(new TopicPartition[0]));
                paused = true;
            } else if (room && paused) {
                log.info("Buffer has room again; resuming consumption");
                context.resume(context.assignment().toArray(new TopicPartition[0]));
                paused = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for room in the delivery buffer", e);
        }
        throwIfFatal();
    }

    /** Applies errors.tolerance to every record the engine gave up on, then lets their offsets go. */
    void reportFailures() {
        for (FailedEntry failed : engine.drainFailures()) {
            if (failed.entry().partition().closed()) {
                engine.finishReported(failed.entry());
            } else {
                report(failed.entry().record(), failed.failure(), () -> engine.finishReported(failed.entry()));
            }
        }
        deadLetterWrites.settle();
    }

    /** Reports the record; its offset goes ({@code done}) once its dead letter, if any, is written. */
    private void report(SinkRecord record, Failure failure, Runnable done) {
        java.util.concurrent.Future<Void> write = deadLetters.report(record, failure);
        if (deadLetters.tolerance() == ErrorTolerance.ALL) {
            metrics.deadLettered();
        }
        deadLetterWrites.add(write, done, DeadLetterReporter.describe(record));
    }

    /** Waits (bounded) for everything taken so far to be delivered or reported. */
    void drain() {
        if (audit != null) {
            audit.flush();
        }
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!engine.awaitDrained(200) && System.currentTimeMillis() < deadline) {
                reportFailures();
            }
            reportFailures();
            deadLetterWrites.awaitAll(Math.max(0, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throwIfFatal();
    }

    private void throwIfFatal() {
        ConnectException fatal = engine.fatal();
        if (fatal == null) {
            fatal = deadLetterWrites.fatal();
        }
        if (fatal == null && audit != null) {
            fatal = audit.fatal();
        }
        if (fatal != null) {
            throw fatal;
        }
    }
}
