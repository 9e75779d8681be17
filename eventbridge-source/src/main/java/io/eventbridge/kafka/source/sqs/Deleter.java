package io.eventbridge.kafka.source.sqs;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.error.FailureKind;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes messages whose records Kafka acknowledged, up to ten per {@code DeleteMessageBatch} call, several
 * calls in flight (each on a thread of its own, with a blocking client). Entries that fail for a transient reason are retried under the shared policy; the rest,
 * and those past the deadline, are reported: such a message becomes visible again and is delivered once
 * more (a duplicate, never a loss).
 */
public final class Deleter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Deleter.class);
    private static final long LINGER_MS = 5;

    /** What became of each message handed to {@link #delete}. */
    public interface Listener {
        void deleted(SqsMessage message);

        /** Not deleted: it will be received again. */
        void failed(SqsMessage message, String errorCode);

        /** A DeleteMessageBatch call was made with this many entries. */
        default void batch(int entries) {}
    }

    /** One {@code DeleteMessageBatch} call; {@code SqsClient::deleteMessageBatch} in production. */
    @FunctionalInterface
    public interface BatchCall {
        DeleteMessageBatchResponse delete(DeleteMessageBatchRequest request);
    }

    private record Pending(SqsMessage message, long firstAttemptMs, int retry) {}

    private final BatchCall sqs;
    private final ExecutorService calls;
    private final RetryPolicy policy;
    private final Listener listener;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final int batchSize;
    private final Semaphore requests;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService retries;
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param batchSize messages per DeleteMessageBatch call (at most 10)
     * @param maxInFlight calls outstanding at once
     */
    public Deleter(BatchCall sqs, RetryPolicy policy, Listener listener, String name, int batchSize, int maxInFlight) {
        this.sqs = sqs;
        this.batchSize = batchSize;
        this.requests = new Semaphore(maxInFlight);
        this.policy = policy;
        this.listener = listener;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-delete-retry"));
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(
                maxInFlight, r -> daemon(r, name + "-delete-call-" + threads.incrementAndGet()));
        this.sender = daemon(this::run, name + "-delete");
        sender.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void delete(SqsMessage message) {
        pending.incrementAndGet();
        queue.add(new Pending(message, nowMs(), 0));
    }

    /** Messages handed over and not yet deleted or given up on. */
    public int pending() {
        return pending.get();
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private void run() {
        List<Pending> drained = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                if (queue.size() < batchSize - 1) {
                    Thread.sleep(LINGER_MS); // let a batch fill up when traffic is light
                }
                queue.drainTo(drained, 100 * batchSize);
                var batches = QueueBatches.of(drained, p -> p.message().queueUrl(), batchSize);
                drained.clear();
                for (Map.Entry<String, List<List<Pending>>> e : batches.entrySet()) {
                    for (List<Pending> batch : e.getValue()) {
                        requests.acquire();
                        send(e.getKey(), batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(String queueUrl, List<Pending> batch) {
        List<Pending> entries = List.copyOf(batch);
        List<DeleteMessageBatchRequestEntry> requestEntries = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            requestEntries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(entries.get(i).message().receiptHandle())
                    .build());
        }
        listener.batch(entries.size());
        DeleteMessageBatchRequest request = DeleteMessageBatchRequest.builder()
                .queueUrl(queueUrl)
                .entries(requestEntries)
                .build();
        calls.execute(() -> {
            DeleteMessageBatchResponse response;
            try {
                response = sqs.delete(request);
            } catch (RuntimeException error) {
                requests.release();
                FailureKind kind = AwsErrorClassifier.classify(error);
                for (Pending p : entries) {
                    retryOrGiveUp(p, kind == FailureKind.RETRYABLE, AwsErrorClassifier.errorCode(error));
                }
                return;
            }
            requests.release();
            complete(entries, response);
        });
    }

    private void complete(List<Pending> entries, DeleteMessageBatchResponse response) {
        boolean[] failed = new boolean[entries.size()];
        for (BatchResultErrorEntry error : response.failed()) {
            int i = Integer.parseInt(error.id());
            failed[i] = true;
            // senderFault: the request is wrong (e.g. an expired receipt handle) and will not succeed
            retryOrGiveUp(entries.get(i), !Boolean.TRUE.equals(error.senderFault()), error.code());
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!failed[i]) {
                pending.decrementAndGet();
                listener.deleted(entries.get(i).message());
            }
        }
    }

    private void retryOrGiveUp(Pending p, boolean retryable, String errorCode) {
        long delay = retryable ? policy.nextDelayMs(p.firstAttemptMs(), nowMs(), p.retry() + 1) : -1;
        if (delay < 0) {
            log.warn(
                    "Could not delete SQS message {} from {} ({}); it will be delivered again",
                    p.message().messageId(),
                    p.message().queueUrl(),
                    errorCode);
            pending.decrementAndGet();
            listener.failed(p.message(), errorCode);
            return;
        }
        log.debug(
                "Deleting SQS message {} failed ({}); retry {} in {} ms",
                p.message().messageId(),
                errorCode,
                p.retry() + 1,
                delay);
        retries.schedule(
                () -> queue.add(new Pending(p.message(), p.firstAttemptMs(), p.retry() + 1)),
                delay,
                TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code timeoutMs} for the handed-over messages to be deleted or given up on. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return pending.get() == 0;
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        retries.shutdownNow();
        calls.shutdownNow();
    }
}
