package io.eventbridge.kafka.common.dlq;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code errors.tolerance} to a sink record that cannot be delivered.
 *
 * <ul>
 *   <li>{@code none}: {@link #report} throws a {@link ConnectException} naming topic, partition,
 *       offset and the error code; the caller lets it fail the task.</li>
 *   <li>{@code all}: the record goes to the worker's dead-letter queue through
 *       {@link ErrantRecordReporter}, with the reason headers below added; without a DLQ topic (or on a
 *       worker older than 2.6) it is logged at WARN. The task goes on.</li>
 * </ul>
 * Never drops a record silently. Call it from the task thread only.
 */
public final class DeadLetterReporter {
    public static final String HEADER_ERROR_CODE = "eventbridge.error.code";
    public static final String HEADER_ERROR_MESSAGE = "eventbridge.error.message";
    public static final String HEADER_ATTEMPTS = "eventbridge.error.attempts";
    public static final String HEADER_CONNECTOR = "eventbridge.connector";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReporter.class);

    private final ErrorTolerance tolerance;
    private final ErrantRecordReporter reporter;
    /** The worker's dead-letter topic, or null when none is configured. */
    private final String dlqTopic;

    private final String connectorName;
    private final LongSupplier workerFailures;

    DeadLetterReporter(ErrorTolerance tolerance, ErrantRecordReporter reporter, String dlqTopic, String connectorName) {
        this(tolerance, reporter, dlqTopic, connectorName, () -> 0L);
    }

    /**
     * @param dlqTopic the worker's dead-letter topic ({@code errors.deadletterqueue.topic.name}); null or blank
     *     when none is configured
     * @param workerFailures the worker's count of dead-letter writes that failed for this connector
     *     ({@code deadletterqueue-produce-failures}), or -1 when it cannot be read
     */
    DeadLetterReporter(
            ErrorTolerance tolerance,
            ErrantRecordReporter reporter,
            String dlqTopic,
            String connectorName,
            LongSupplier workerFailures) {
        this.tolerance = tolerance;
        this.reporter = reporter;
        this.dlqTopic = dlqTopic == null || dlqTopic.isBlank() ? null : dlqTopic.trim();
        this.connectorName = connectorName;
        this.workerFailures = workerFailures;
    }

    /**
     * @param props the task's properties, to read errors.tolerance and the DLQ topic from
     */
    public static DeadLetterReporter create(SinkTaskContext context, Map<String, String> props, String connectorName) {
        ErrantRecordReporter reporter = null;
        try {
            reporter = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            log.warn("This worker is older than Kafka 2.6 and has no ErrantRecordReporter; "
                    + "records that cannot be delivered are logged, not dead-lettered");
        }
        return new DeadLetterReporter(
                ErrorTolerance.from(props),
                reporter,
                props.get(ErrorTolerance.DLQ_TOPIC),
                connectorName,
                () -> workerDeadLetterFailures(connectorName));
    }

    /**
     * The worker's {@code deadletterqueue-produce-failures} summed over this worker's tasks of the connector
     * (Connect's {@code task-error-metrics} over JMX, in this JVM); -1 when none is registered.
     */
    static long workerDeadLetterFailures(String connectorName) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("kafka.connect:type=task-error-metrics,connector="
                            + Sanitizer.jmxSanitize(connectorName) + ",task=*"),
                    null);
            if (names.isEmpty()) {
                return -1;
            }
            long total = 0;
            for (ObjectName name : names) {
                total += ((Number) server.getAttribute(name, "deadletterqueue-produce-failures")).longValue();
            }
            return total;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    public ErrorTolerance tolerance() {
        return tolerance;
    }

    /**
     * Reports a record that cannot be delivered.
     *
     * @return the DLQ write to wait for before its offset counts as done, or null when there is none
     * @throws ConnectException when errors.tolerance is none
     */
    public Future<Void> report(SinkRecord record, Failure failure) {
        String where = describe(record);
        if (tolerance == ErrorTolerance.NONE) {
            throw new ConnectException(
                    "Cannot deliver record " + where + ": " + failure.errorCode() + " ("
                            + failure.message() + ") after " + failure.attempts()
                            + " attempt(s). errors.tolerance=none, "
                            + "so the task stops; set errors.tolerance=all and errors.deadletterqueue.topic.name "
                            + "to dead-letter such records instead",
                    failure.cause());
        }
        if (reporter == null || dlqTopic == null) {
            log.warn(
                    "Skipping undeliverable record {}: {} ({}) after {} attempt(s); errors.tolerance=all and no "
                            + "dead-letter topic is configured",
                    where,
                    failure.errorCode(),
                    failure.message(),
                    failure.attempts());
            if (reporter == null) {
                return null;
            }
        } else {
            log.debug("Dead-lettering record {}: {}", where, failure.errorCode());
        }
        Exception error = new ConnectException(failure.errorCode() + ": " + failure.message(), failure.cause());
        if (dlqTopic == null) {
            return reporter.report(withReasonHeaders(record, failure), error);
        }
        // The worker's failure count is read before and after the write: two JMX reads per dead letter, on the
        // path of records that cannot be delivered only.
        long failuresBefore = workerFailures.getAsLong();
        Future<Void> write = reporter.report(withReasonHeaders(record, failure), error);
        if (write.isDone()) {
            // A dead-letter write is acknowledged by the broker, never at once. A write the worker's producer refuses
            // at once (a dead-letter topic that does not exist, a producer that cannot get metadata in max.block.ms)
            // fails inside send(), and Connect's reporter leaves such a write out of the future it returns, which then
            // reads as done: the record would count as dead-lettered and its offset would commit. The worker's own
            // failure count tells them apart.
            long failuresAfter = workerFailures.getAsLong();
            if (failuresBefore < 0 || failuresAfter < 0 || failuresAfter > failuresBefore) {
                return CompletableFuture.failedFuture(new ConnectException("the worker could not write the dead "
                        + "letter of " + where + " to its dead-letter topic " + dlqTopic
                        + " (the write failed at once: "
                        + "a topic that does not exist, or metadata not available within the producer's max.block.ms; "
                        + "see the worker's DeadLetterQueueReporter error)"));
            }
        }
        return write;
    }

    /**
     * A copy of the record with the reason headers added. It is a plain {@link SinkRecord}, so the
     * worker writes the copy (with our headers) to the DLQ rather than the original bytes.
     */
    SinkRecord withReasonHeaders(SinkRecord record, Failure failure) {
        Headers headers = new ConnectHeaders();
        record.headers().forEach(headers::add);
        headers.addString(HEADER_ERROR_CODE, failure.errorCode());
        headers.addString(HEADER_ERROR_MESSAGE, failure.message());
        headers.addInt(HEADER_ATTEMPTS, failure.attempts());
        headers.addString(HEADER_CONNECTOR, connectorName);
        return new SinkRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.kafkaOffset(),
                record.timestamp(),
                record.timestampType(),
                headers,
                record.originalTopic(),
                record.originalKafkaPartition(),
                record.originalKafkaOffset());
    }

    public static String describe(SinkRecord record) {
        return "topic=" + record.originalTopic() + " partition=" + record.originalKafkaPartition() + " offset="
                + record.originalKafkaOffset();
    }
}
