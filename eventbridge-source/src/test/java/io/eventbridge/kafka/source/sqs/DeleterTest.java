package io.eventbridge.kafka.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.source.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

class DeleterTest {
    private static final RetryPolicy FAST =
            new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(300));

    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private Deleter deleter;

    private final Deleter.Listener listener = new Deleter.Listener() {
        @Override
        public void deleted(SqsMessage message) {
            deleted.add(message.messageId());
        }

        @Override
        public void failed(SqsMessage message, String errorCode) {
            failed.put(message.messageId(), errorCode);
        }

        @Override
        public void batch(int entries) {
            batches.add(entries);
        }
    };

    @AfterEach
    void close() {
        if (deleter != null) {
            deleter.close();
        }
    }

    private static DeleteMessageBatchResponse answer(
            DeleteMessageBatchRequest request, Set<String> failHandles, String code, boolean senderFault) {
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
        List<BatchResultErrorEntry> errors = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : request.entries()) {
            if (failHandles.contains(e.receiptHandle())) {
                errors.add(BatchResultErrorEntry.builder()
                        .id(e.id())
                        .code(code)
                        .senderFault(senderFault)
                        .build());
            } else {
                ok.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
            }
        }
        return DeleteMessageBatchResponse.builder()
                .successful(ok)
                .failed(errors)
                .build();
    }

    private void deleteAll(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            deleter.delete(Messages.message("m" + i, "{}"));
        }
        assertThat(deleter.flush(5_000)).isTrue();
    }

    @Test
    void deletesEveryMessageInBatchesOfAtMostTen() throws Exception {
        deleter = new Deleter(r -> answer(r, Set.of(), null, false), FAST, listener, "t", 10, 4);
        deleteAll(95);
        assertThat(deleted).hasSize(95);
        assertThat(failed).isEmpty();
        assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1, 10));
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(95);
    }

    @Test
    void retriesEntriesThatFailedTransientlyUntilDeleted() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        deleter = new Deleter(
                r -> {
                    Set<String> failNow = ConcurrentHashMap.newKeySet();
                    for (DeleteMessageBatchRequestEntry e : r.entries()) {
                        // every third message fails twice with a server-side error before it is deleted
                        int attempt = attempts.computeIfAbsent(e.receiptHandle(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (Integer.parseInt(e.receiptHandle().substring(4)) % 3 == 0 && attempt <= 2) {
                            failNow.add(e.receiptHandle());
                        }
                    }
                    return answer(r, failNow, "InternalError", false);
                },
                FAST,
                listener,
                "t",
                10,
                4);
        deleteAll(30);
        assertThat(deleted).hasSize(30);
        assertThat(failed).isEmpty();
        assertThat(attempts.get("rh-m3")).hasValue(3);
        assertThat(attempts.get("rh-m4")).hasValue(1);
    }

    @Test
    void retriesFailedCallsAndReportsMessagesWhoseDeleteKeepsFailing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        deleter = new Deleter(
                r -> {
                    calls.incrementAndGet();
                    throw SqsException.builder()
                            .statusCode(503)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("ServiceUnavailable")
                                    .build())
                            .build();
                },
                FAST,
                listener,
                "t",
                10,
                4);
        deleteAll(12);
        assertThat(deleted).isEmpty();
        assertThat(failed).hasSize(12).containsValue("ServiceUnavailable");
        assertThat(calls.get())
                .as("retried until the deadline, not given up on at once")
                .isGreaterThan(4);
        assertThat(deleter.pending()).isZero();
    }

    @Test
    void givesUpAtOnceOnAnEntryTheServerCallsTheSendersFault() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        deleter = new Deleter(
                r -> {
                    calls.incrementAndGet();
                    return answer(r, Set.of("rh-m1"), "ReceiptHandleIsInvalid", true);
                },
                FAST,
                listener,
                "t",
                10,
                4);
        deleteAll(3);
        assertThat(deleted).containsExactlyInAnyOrder("m0", "m2");
        assertThat(failed).containsExactly(Map.entry("m1", "ReceiptHandleIsInvalid"));
        assertThat(calls.get()).isEqualTo(1);
    }
}
