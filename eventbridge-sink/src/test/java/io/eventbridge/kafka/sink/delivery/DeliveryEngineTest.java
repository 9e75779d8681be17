package io.eventbridge.kafka.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The engine's bookkeeping against a scripted sender; the real SDK path is covered by the ITs. */
class DeliveryEngineTest {
    private final SinkMetrics metrics = new SinkMetrics("engine-test-" + System.nanoTime(), "0");
    private DeliveryEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close(1_000);
        }
        metrics.close();
    }

    /** A sender that answers each entry with the code {@code answer} gives it (null = accepted). */
    private static PutEventsSender scripted(Function<PutEventsRequestEntry, String> answer, List<Integer> batchSizes) {
        return new PutEventsSender() {
            @Override
            public CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries) {
                batchSizes.add(entries.size());
                List<PutEventsResultEntry> results = new ArrayList<>();
                for (PutEventsRequestEntry e : entries) {
                    String code = answer.apply(e);
                    results.add(
                            code == null
                                    ? PutEventsResultEntry.builder()
                                            .eventId("id")
                                            .build()
                                    : PutEventsResultEntry.builder()
                                            .errorCode(code)
                                            .errorMessage(code + "!")
                                            .build());
                }
                return CompletableFuture.supplyAsync(
                        () -> PutEventsResponse.builder().entries(results).build());
            }

            @Override
            public void close() {}
        };
    }

    private DeliveryEngine engine(PutEventsSender sender, RetryPolicy policy) {
        engine = new DeliveryEngine(
                sender, null, policy, metrics, new DeliveryEngine.Limits(10, 256 * 1024, 4, 0), "test");
        return engine;
    }

    private static List<PendingEntry> submit(DeliveryEngine engine, PartitionOffsets p, int count) {
        List<PendingEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            p.take(i);
            PendingEntry e = new PendingEntry(
                    new SinkRecord("t", 0, null, null, null, null, i),
                    p,
                    i,
                    PutEventsRequestEntry.builder()
                            .source("s")
                            .detailType("t")
                            .detail("{\"n\":" + i + "}")
                            .build());
            entries.add(e);
            engine.submit(e);
        }
        return entries;
    }

    @Test
    void retriesThrottledEntriesUntilDelivered() {
        Random random = new Random(1);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        engine(
                scripted(
                        e -> {
                            attempts.computeIfAbsent(e.detail(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            synchronized (random) {
                                return random.nextDouble() < 0.3 ? "ThrottlingException" : null;
                            }
                        },
                        batches),
                new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 500);
        await().atMost(Duration.ofSeconds(20)).until(() -> p.committable() == 500);
        assertThat(engine.drainFailures()).isEmpty();
        assertThat(attempts).hasSize(500);
        assertThat(attempts.values().stream().mapToInt(AtomicInteger::get).sum())
                .isGreaterThan(600);
        assertThat(batches).allMatch(size -> size <= 10);
        assertThat(metrics.value("retries-total")).isGreaterThan(100);
    }

    @Test
    void nonRetryableEntriesAreHandedBackAndHoldTheirOffsetUntilReported() {
        engine(
                scripted(e -> e.detail().equals("{\"n\":3}") ? "MalformedDetail" : null, new ArrayList<>()),
                new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 10);
        List<FailedEntry> failed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.addAll(engine.drainFailures()) || !failed.isEmpty());
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.failure().errorCode()).isEqualTo("MalformedDetail");
            assertThat(f.failure().attempts()).isEqualTo(1);
            assertThat(f.entry().offset()).isEqualTo(3);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> p.unfinishedCount() == 1);
        assertThat(p.committable()).isEqualTo(3);
        engine.finishReported(failed.get(0).entry());
        assertThat(p.committable()).isEqualTo(10);
    }

    @Test
    void givesUpOnARetryableEntryAtTheDeadline() {
        engine(
                scripted(e -> "InternalFailure", new ArrayList<>()),
                new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(200)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 1);
        List<FailedEntry> failed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.addAll(engine.drainFailures()));
        assertThat(failed.get(0).failure().errorCode()).isEqualTo("InternalFailure");
        assertThat(failed.get(0).failure().attempts()).isGreaterThan(2);
        assertThat(failed.get(0).failure().message()).contains("retry.deadline.ms=200");
        assertThat(p.committable()).isEqualTo(0);
    }

    @Test
    void aFullBufferReportsNoRoomUntilDeliveriesFreeIt() throws Exception {
        // requests stay unanswered until released, then each gets one result per entry it carried
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Map<CompletableFuture<PutEventsResponse>, PutEventsResponse> pending = new ConcurrentHashMap<>();
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        PutEventsSender sender = new PutEventsSender() {
            @Override
            public synchronized CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries) {
                batchSizes.add(entries.size());
                PutEventsResponse ok = PutEventsResponse.builder()
                        .entries(java.util.Collections.nCopies(
                                entries.size(),
                                PutEventsResultEntry.builder().eventId("x").build()))
                        .build();
                if (released.get()) {
                    return CompletableFuture.completedFuture(ok);
                }
                CompletableFuture<PutEventsResponse> later = new CompletableFuture<>();
                pending.put(later, ok);
                return later;
            }

            @Override
            public void close() {}
        };
        engine(sender, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 30);
        assertThat(engine.bufferedRecords()).isEqualTo(30);
        assertThat(engine.awaitRoom(20, Long.MAX_VALUE, 50))
                .as("room for put() to go on")
                .isFalse();
        assertThat(engine.awaitRoom(Long.MAX_VALUE, 10, 50)).as("room by bytes").isFalse();
        // every entry is in a request, or all 4 in-flight slots are taken
        await().atMost(Duration.ofSeconds(5))
                .until(() -> batchSizes.stream().mapToInt(Integer::intValue).sum() == 30 || batchSizes.size() == 4);
        assertThat(p.committable()).as("nothing delivered yet").isZero();
        synchronized (sender) {
            released.set(true);
        }
        pending.forEach(CompletableFuture::complete);
        assertThat(engine.awaitRoom(20, Long.MAX_VALUE, 5_000)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> p.committable() == 30);
    }

    @Test
    void anUnknownBusFailsTheTaskWithAMessageThatSaysWhatToFix() {
        PutEventsSender sender = new PutEventsSender() {
            @Override
            public CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries) {
                return CompletableFuture.failedFuture(AwsServiceException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ResourceNotFoundException")
                                .errorMessage("Event bus nope does not exist.")
                                .build())
                        .build());
            }

            @Override
            public void close() {}
        };
        engine(sender, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.fatal() != null);
        assertThat(engine.fatal().getMessage()).contains("ResourceNotFoundException", "event bus ARN and region");
        assertThat(p.committable()).isEqualTo(0);
    }

    @Test
    void aRequestRejectedAsAWholeIsResentEntryByEntryToIsolateTheBadOne() {
        List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        PutEventsSender sender = new PutEventsSender() {
            @Override
            public CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries) {
                batches.add(entries.size());
                if (entries.size() > 1
                        && entries.stream().anyMatch(e -> e.detail().equals("{\"n\":2}"))) {
                    return CompletableFuture.failedFuture(AwsServiceException.builder()
                            .statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("ValidationException")
                                    .build())
                            .build());
                }
                List<PutEventsResultEntry> results = entries.stream()
                        .map(e -> e.detail().equals("{\"n\":2}")
                                ? PutEventsResultEntry.builder()
                                        .errorCode("InvalidArgument")
                                        .build()
                                : PutEventsResultEntry.builder().eventId("x").build())
                        .toList();
                return CompletableFuture.completedFuture(
                        PutEventsResponse.builder().entries(results).build());
            }

            @Override
            public void close() {}
        };
        engine(sender, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)));
        PartitionOffsets p = new PartitionOffsets();
        submit(engine, p, 5);
        List<FailedEntry> failed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.addAll(engine.drainFailures()));
        assertThat(failed)
                .singleElement()
                .satisfies(f -> assertThat(f.entry().offset()).isEqualTo(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> p.unfinishedCount() == 1);
    }
}
