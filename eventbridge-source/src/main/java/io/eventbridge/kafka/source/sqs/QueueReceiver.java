package io.eventbridge.kafka.source.sqs;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.error.FailureKind;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long-polling receive loops, one thread each, several per queue. A loop first reserves room in
 * {@link InFlightMessages} (waiting while the task is full), then receives up to that many messages and
 * hands each to the {@link Handler}. Failures are retried under the shared policy; a failure that is not
 * retryable, or that outlasts the retry deadline, stops the loop and is reported through {@link #failure()}.
 */
public final class QueueReceiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueReceiver.class);
    private static final long RESERVE_WAIT_MS = 200;
    private static final long CLOSE_GRACE_MS = 1_500;

    /** Receives each message; called on the loop's thread. */
    public interface Handler {
        void accept(SqsMessage message);
    }

    /** Receive call latency, for metrics. */
    public interface Listener {
        void received(int messages, long latencyMs);
    }

    /** How the loops receive. */
    public record Settings(int waitSeconds, int maxMessages, int visibilitySeconds, List<String> messageAttributes) {}

    private final SqsClient sqs;
    private final List<String> loops;
    private final Settings settings;
    private final InFlightMessages inFlight;
    private final RetryPolicy policy;
    private final Handler handler;
    private final Listener listener;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;

    /**
     * @param sqs a blocking client for the loops alone: each loop has its own thread, and blocking calls cost
     *     less CPU than the non-blocking client's per-call pipeline; {@link #close()} closes it. Its attempt
     *     timeout must allow for the long poll's wait ({@code waitSeconds}) on top of the usual one
     */
    public QueueReceiver(
            SqsClient sqs,
            List<String> loops,
            Settings settings,
            InFlightMessages inFlight,
            RetryPolicy policy,
            Handler handler,
            Listener listener) {
        this.sqs = sqs;
        this.loops = loops;
        this.settings = settings;
        this.inFlight = inFlight;
        this.policy = policy;
        this.handler = handler;
        this.listener = listener;
    }

    public void start(String name) {
        running = true;
        for (int i = 0; i < loops.size(); i++) {
            String queueUrl = loops.get(i);
            Thread t = new Thread(() -> loop(queueUrl), name + "-receive-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The failure that stopped a loop, or null while all run. */
    public Throwable failure() {
        return failure.get();
    }

    private void loop(String queueUrl) {
        long failingSince = -1;
        int retry = 0;
        while (running) {
            int reserved = 0;
            try {
                reserved = inFlight.reserve(settings.maxMessages(), RESERVE_WAIT_MS);
                if (reserved == 0) {
                    continue; // full: back-pressure
                }
                long start = System.nanoTime();
                ReceiveMessageResponse response = sqs.receiveMessage(request(queueUrl, reserved));
                long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                List<Message> messages = response.messages();
                listener.received(messages.size(), latencyMs);
                failingSince = -1;
                retry = 0;
                long now = System.currentTimeMillis();
                long visibleAt = now + settings.visibilitySeconds() * 1000L;
                inFlight.unreserve(reserved - messages.size());
                reserved = 0;
                for (Message m : messages) {
                    SqsMessage message = toMessage(queueUrl, m, now);
                    inFlight.add(message, visibleAt);
                    if (running) {
                        handler.accept(message);
                    } // else stopping: it stays held, and the stopping task makes it visible again at once
                }
            } catch (InterruptedException e) {
                inFlight.unreserve(reserved);
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                inFlight.unreserve(reserved);
                if (!running) {
                    return;
                }
                FailureKind kind = AwsErrorClassifier.classify(e);
                long now = System.nanoTime() / 1_000_000;
                if (failingSince < 0) {
                    failingSince = now;
                }
                long delay = kind == FailureKind.RETRYABLE ? policy.nextDelayMs(failingSince, now, ++retry) : -1;
                if (delay < 0) {
                    log.error("Receiving from {} failed and is not retried: {}", queueUrl, e.toString());
                    failure.compareAndSet(
                            null,
                            new IllegalStateException(
                                    "Receiving from " + queueUrl + " failed (" + AwsErrorClassifier.errorCode(e) + "): "
                                            + AwsErrorClassifier.unwrap(e).getMessage(),
                                    e));
                    return;
                }
                log.warn(
                        "Receiving from {} failed ({}); retry {} in {} ms",
                        queueUrl,
                        AwsErrorClassifier.errorCode(e),
                        retry,
                        delay);
                sleep(delay);
            }
        }
    }

    private ReceiveMessageRequest request(String queueUrl, int max) {
        ReceiveMessageRequest.Builder b = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds(settings.waitSeconds())
                .visibilityTimeout(settings.visibilitySeconds())
                // only what the records use: every further attribute costs the server work on every message
                .messageSystemAttributeNamesWithStrings(SqsMessage.SENT_TIMESTAMP, SqsMessage.MESSAGE_GROUP_ID);
        if (!settings.messageAttributes().isEmpty()) {
            b.messageAttributeNames(settings.messageAttributes());
        }
        return b.build();
    }

    static SqsMessage toMessage(String queueUrl, Message m, long receivedAt) {
        Map<String, String> attributes = m.attributesAsStrings();
        Map<String, String> messageAttributes = Map.of();
        if (m.hasMessageAttributes() && !m.messageAttributes().isEmpty()) {
            messageAttributes = new HashMap<>();
            for (Map.Entry<String, MessageAttributeValue> e :
                    m.messageAttributes().entrySet()) {
                if (e.getValue().stringValue() != null) {
                    messageAttributes.put(e.getKey(), e.getValue().stringValue());
                }
            }
        }
        return new SqsMessage(
                queueUrl, m.messageId(), m.receiptHandle(), m.body(), attributes, messageAttributes, receivedAt);
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the loops. A long poll under way is given a moment to return first: if messages arrived, SQS has
     * already made them invisible, and only a loop that sees them can have them released. Then the client is
     * closed, which ends the polls still waiting on an empty queue, so that no loop can receive anything after
     * this returns and the task releases what it holds. (A message SQS hands to such an abandoned poll in its
     * last moment comes back after its visibility timeout: a late duplicate, never a loss.)
     */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MS);
        try {
            for (Thread t : threads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    t.join(left);
                }
            }
            sqs.close();
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                t.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
