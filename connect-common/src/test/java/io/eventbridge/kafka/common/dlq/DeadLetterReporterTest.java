package io.eventbridge.kafka.common.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeadLetterReporterTest {
    private final List<SinkRecord> reported = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final ErrantRecordReporter reporter = (record, error) -> {
        reported.add(record);
        errors.add(error);
        return CompletableFuture.completedFuture(null);
    };

    private static SinkRecord record() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "t-1");
        // topic renamed by an SMT: the original coordinates are what the messages must name
        return new SinkRecord(
                "renamed", 0, null, "k", null, "v", 41L, 1L, TimestampType.CREATE_TIME, headers, "orders", 3, 42L);
    }

    @Test
    void toleranceNoneFailsNamingOriginalTopicPartitionOffsetAndCode() {
        DeadLetterReporter dlq = new DeadLetterReporter(ErrorTolerance.NONE, reporter, "orders-dlq", "sink");
        assertThatThrownBy(() -> dlq.report(record(), new Failure("MalformedDetail", "Detail is malformed.", 1)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic=orders partition=3 offset=42")
                .hasMessageContaining("MalformedDetail")
                .hasMessageContaining("errors.tolerance=none");
        assertThat(reported).isEmpty();
    }

    @Test
    void toleranceAllSendsACopyWithReasonHeadersToTheDeadLetterQueue() {
        DeadLetterReporter dlq = new DeadLetterReporter(ErrorTolerance.ALL, reporter, "orders-dlq", "orders-sink");
        dlq.report(record(), new Failure("InvalidArgument", "Parameter DetailType is not valid.", 2));
        SinkRecord sent = reported.get(0);
        assertThat(header(sent, "trace")).isEqualTo("t-1");
        assertThat(header(sent, DeadLetterReporter.HEADER_ERROR_CODE)).isEqualTo("InvalidArgument");
        assertThat(header(sent, DeadLetterReporter.HEADER_ERROR_MESSAGE))
                .isEqualTo("Parameter DetailType is not valid.");
        assertThat(header(sent, DeadLetterReporter.HEADER_ATTEMPTS)).isEqualTo("2");
        assertThat(header(sent, DeadLetterReporter.HEADER_CONNECTOR)).isEqualTo("orders-sink");
        assertThat(sent.originalTopic()).isEqualTo("orders");
        assertThat(sent.originalKafkaOffset()).isEqualTo(42L);
        assertThat(errors.get(0)).hasMessageContaining("InvalidArgument");
    }

    @Test
    void toleranceAllWithoutAReporterStillGoesOnAndDropsNothingSilently() {
        DeadLetterReporter dlq = new DeadLetterReporter(ErrorTolerance.ALL, null, null, "sink");
        assertThat(dlq.report(record(), new Failure("EntryTooLarge", "too big", 0)))
                .isNull();
    }

    @Test
    void readsErrorsToleranceFromTheConnectorProperties() {
        assertThat(ErrorTolerance.from(Map.of("errors.tolerance", "all"))).isEqualTo(ErrorTolerance.ALL);
        assertThat(ErrorTolerance.from(Map.of("errors.tolerance", "none"))).isEqualTo(ErrorTolerance.NONE);
        assertThat(ErrorTolerance.from(Map.of())).isEqualTo(ErrorTolerance.NONE);
    }

    private static String header(SinkRecord record, String name) {
        Header h = record.headers().lastWithName(name);
        return h == null ? null : String.valueOf(h.value());
    }

    @Test
    void aWriteTheWorkerRefusedAtOnceIsAFailureNotADeadLetter() {
        // Connect's reporter answers a done future when its producer's send() failed at once (the topic is gone)
        long[] failures = {3};
        ErrantRecordReporter refusing = (record, error) -> {
            failures[0]++; // the worker counts the failed write in deadletterqueue-produce-failures
            return CompletableFuture.completedFuture(null);
        };
        DeadLetterReporter dlq =
                new DeadLetterReporter(ErrorTolerance.ALL, refusing, "orders-dlq", "sink", () -> failures[0]);
        var write = dlq.report(record(), new Failure("EntryTooLarge", "too large", 1));
        assertThat(write).isDone();
        assertThatThrownBy(write::get)
                .hasMessageContaining("topic=orders partition=3 offset=42")
                .hasMessageContaining("dead-letter topic orders-dlq (")
                .hasMessageContaining("max.block.ms");
    }

    @Test
    void aWriteInFlightOrDoneWithoutAFailureCountedIsLeftAsItIs() throws Exception {
        CompletableFuture<Void> inFlight = new CompletableFuture<>();
        DeadLetterReporter pending =
                new DeadLetterReporter(ErrorTolerance.ALL, (r, e) -> inFlight, "orders-dlq", "sink", () -> 5L);
        assertThat(pending.report(record(), new Failure("X", "x", 1))).isSameAs(inFlight);

        DeadLetterReporter done = new DeadLetterReporter(ErrorTolerance.ALL, reporter, "orders-dlq", "sink", () -> 5L);
        assertThat(done.report(record(), new Failure("X", "x", 1)).get()).isNull();

        DeadLetterReporter unreadable =
                new DeadLetterReporter(ErrorTolerance.ALL, reporter, "orders-dlq", "sink", () -> -1L);
        assertThatThrownBy(unreadable.report(record(), new Failure("X", "x", 1))::get)
                .as("cannot tell: not taken as written")
                .hasMessageContaining("could not write the dead letter");
    }

    @Test
    void theWorkersFailureCountIsMinusOneWithoutItsMetrics() {
        assertThat(DeadLetterReporter.workerDeadLetterFailures("no-such-connector"))
                .isEqualTo(-1);
    }
}
