package io.eventbridge.kafka.source.sqs;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Keeps held messages invisible while Kafka has not acknowledged them: once a second it finds the messages
 * with less than a third of their visibility timeout left and extends them by the full timeout, ten per
 * {@code ChangeMessageVisibilityBatch} call. A failed extension is only logged: at worst the message is
 * received again, a duplicate.
 */
public final class VisibilityExtender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VisibilityExtender.class);

    private final SqsClient sqs;
    private final InFlightMessages inFlight;
    private final int visibilitySeconds;
    private final IntConsumer extendedListener;
    private final ScheduledExecutorService executor;

    public VisibilityExtender(
            SqsClient sqs,
            InFlightMessages inFlight,
            int visibilitySeconds,
            IntConsumer extendedListener,
            String name) {
        this.sqs = sqs;
        this.inFlight = inFlight;
        this.visibilitySeconds = visibilitySeconds;
        this.extendedListener = extendedListener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-visibility");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::extendExpiring, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Makes every held message visible again at once (visibility 0), for a task that stops: they are received
     * again right away, by this task's successor or another, instead of after their timeout.
     */
    public int releaseAll() {
        return changeAll(inFlight.expiringBefore(Long.MAX_VALUE), 0, 0);
    }

    /** Extends every held message with less than a third of its timeout left. */
    void extendExpiring() {
        try {
            long now = System.currentTimeMillis();
            extendedListener.accept(
                    changeAll(inFlight.expiringBefore(now + visibilitySeconds * 1000L / 3), visibilitySeconds, now));
        } catch (RuntimeException e) {
            log.warn("Extending message visibility failed", e);
        }
    }

    /** Sets the visibility timeout of every given message, ten per call; returns how many it changed. */
    private int changeAll(List<InFlightMessages.Held> held, int seconds, long now) {
        int changed = 0;
        for (var queue : QueueBatches.of(held, h -> h.message().queueUrl(), QueueBatches.MAX)
                .entrySet()) {
            for (List<InFlightMessages.Held> batch : queue.getValue()) {
                changed += change(queue.getKey(), batch, seconds, now);
            }
        }
        return changed;
    }

    /** Sets the visibility timeout of a batch; returns how many messages it changed. */
    private int change(String queueUrl, List<InFlightMessages.Held> batch, int seconds, long now) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).message().receiptHandle())
                    .visibilityTimeout(seconds)
                    .build());
        }
        try {
            var response = sqs.changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest.builder()
                    .queueUrl(queueUrl)
                    .entries(entries)
                    .build());
            boolean[] failed = new boolean[batch.size()];
            response.failed().forEach(f -> {
                failed[Integer.parseInt(f.id())] = true;
                log.warn(
                        "Could not change the visibility of SQS message {} ({})",
                        batch.get(Integer.parseInt(f.id())).message().messageId(),
                        f.code());
            });
            int changed = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (!failed[i]) {
                    inFlight.extended(batch.get(i), now + seconds * 1000L);
                    changed++;
                }
            }
            return changed;
        } catch (RuntimeException e) {
            log.warn(
                    "Changing the visibility of {} messages in {} failed ({})",
                    batch.size(),
                    queueUrl,
                    AwsErrorClassifier.errorCode(e));
        }
        return 0;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
