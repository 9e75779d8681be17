package io.eventbridge.kafka.sink.delivery;

import io.eventbridge.kafka.common.dlq.Failure;
import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.error.FailureKind;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.sink.batch.BatchAssembler;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import io.eventbridge.kafka.sink.offload.Offloader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Delivers submitted entries to EventBridge: one sender thread builds size-aware requests and
 * keeps up to {@code maxInFlight} of them outstanding; completions finish delivered entries, put
 * retryable failures back (ahead of new work) after the shared policy's backoff, and hand entries
 * that will not be delivered to the task thread through {@link #drainFailures()}. Nothing sleeps on
 * the happy path; an entry's offset is finished only once it is delivered or reported.
 */
public final class DeliveryEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    /**
     * Limits of one request and of the task's sending.
     *
     * @param maxInFlight the window's ceiling
     * @param adaptive whether the window adapts to throttling ({@link AdaptiveWindow}) or stays at the ceiling
     * @param rateLimit events per second, 0 for none
     * @param requestRateLimit PutEvents requests per second (the task's share of an account quota), 0 for none
     */
    public record Limits(
            int maxEntries, int maxBytes, int maxInFlight, boolean adaptive, int rateLimit, double requestRateLimit) {
        public Limits(int maxEntries, int maxBytes, int maxInFlight, int rateLimit) {
            this(maxEntries, maxBytes, maxInFlight, false, rateLimit, 0);
        }
    }

    private final PutEventsSender sender;
    private final Offloader offloader;
    private final RetryPolicy policy;
    private final SinkMetrics metrics;
    private final Limits limits;
    private final RateLimiter rateLimiter;
    private final RateLimiter requestLimiter;
    private final AdaptiveWindow window;
    private final ScheduledExecutorService scheduler;
    private final Thread senderThread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingEntry> queue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<FailedEntry> failures = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ConnectException> fatal = new AtomicReference<>();
    /** Consecutive PutEvents responses that delivered nothing; see {@link BackoffLevel}. */
    private final java.util.concurrent.atomic.AtomicInteger unproductive =
            new java.util.concurrent.atomic.AtomicInteger();

    private long bufferedRecords;
    private long bufferedBytes;
    private volatile boolean running = true;

    public DeliveryEngine(
            PutEventsSender sender,
            Offloader offloader,
            RetryPolicy policy,
            SinkMetrics metrics,
            Limits limits,
            String threadName) {
        this.sender = sender;
        this.offloader = offloader;
        this.policy = policy;
        this.metrics = metrics;
        this.limits = limits;
        this.rateLimiter = RateLimiter.of(limits.rateLimit());
        this.requestLimiter = RateLimiter.of(limits.requestRateLimit());
        this.window = new AdaptiveWindow(limits.maxInFlight(), limits.adaptive(), System::nanoTime);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, threadName + "-retry"));
        this.senderThread = daemon(this::sendLoop, threadName + "-sender");
        metrics.gauge("in-flight-requests", "PutEvents requests outstanding now", window::outstanding);
        metrics.gauge(
                "in-flight-window",
                "Requests the task may have outstanding now: max.in.flight.requests, or "
                        + "less while the adaptive window backs off from throttling",
                window::window);
        metrics.gauge(
                "throttled-request-ratio",
                "Share of the last ~100 PutEvents responses that were throttled "
                        + "(the request, or at least half its entries)",
                window::throttledRatio);
        metrics.gauge("throttled-requests-total", "PutEvents responses that were throttled", window::throttledRequests);
        metrics.gauge(
                "in-flight-window-floor-time-ms-total",
                "Milliseconds the adaptive window spent at its floor",
                window::floorMillis);
        metrics.gauge("buffered-records", "Records taken but not yet finished", this::bufferedRecords);
        senderThread.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Takes an entry for delivery; entries that carry a Detail to offload are offloaded first. */
    public void submit(PendingEntry entry) {
        lock.lock();
        try {
            entry.bufferedBytes(entry.size());
            bufferedRecords++;
            bufferedBytes += entry.size();
            if (entry.detailToOffload() == null) {
                queue.addLast(entry);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        if (entry.detailToOffload() != null) {
            offload(entry);
        }
    }

    /** Waits up to {@code timeoutMs} until the buffer is within both limits; true if it is. */
    public boolean awaitRoom(long maxRecords, long maxBytes, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while ((bufferedRecords > maxRecords || bufferedBytes > maxBytes) && fatal.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutMs} until nothing is buffered but failures awaiting their report. */
    public boolean awaitDrained(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (bufferedRecords > failures.size() && fatal.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public long bufferedRecords() {
        lock.lock();
        try {
            return bufferedRecords;
        } finally {
            lock.unlock();
        }
    }

    /** The error that must fail the task, if one happened. */
    public ConnectException fatal() {
        return fatal.get();
    }

    /** Entries that will not be delivered; the caller reports each, then calls {@link #finishReported}. */
    public List<FailedEntry> drainFailures() {
        List<FailedEntry> drained = new ArrayList<>();
        FailedEntry f;
        while ((f = failures.poll()) != null) {
            drained.add(f);
        }
        return drained;
    }

    public void finishReported(PendingEntry entry) {
        finish(entry);
    }

    private void sendLoop() {
        try {
            while (running) {
                long ticket = window.acquire();
                List<PendingEntry> batch;
                lock.lock();
                try {
                    while (queue.isEmpty() && running) {
                        notEmpty.await();
                    }
                    if (!running) {
                        window.cancel();
                        return;
                    }
                    batch = BatchAssembler.next(
                            queue, limits.maxEntries(), limits.maxBytes(), PendingEntry::size, PendingEntry::isolate);
                } finally {
                    lock.unlock();
                }
                batch = withoutRevoked(batch);
                if (batch.isEmpty()) {
                    window.cancel();
                    continue;
                }
                if (rateLimiter != null) {
                    rateLimiter.acquire(batch.size());
                }
                if (requestLimiter != null) {
                    requestLimiter.acquire(1);
                }
                send(batch, ticket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal.compareAndSet(null, new ConnectException("EventBridge sender thread failed", e));
            log.error("EventBridge sender thread failed", e);
        }
    }

    private List<PendingEntry> withoutRevoked(List<PendingEntry> batch) {
        List<PendingEntry> kept = new ArrayList<>(batch.size());
        for (PendingEntry e : batch) {
            if (e.partition().closed()) {
                release(e);
            } else {
                kept.add(e);
            }
        }
        return kept;
    }

    private void send(List<PendingEntry> batch, long ticket) {
        long now = nowMs();
        int bytes = 0;
        List<software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry> entries =
                new ArrayList<>(batch.size());
        for (PendingEntry e : batch) {
            e.attempt(now);
            bytes += e.size();
            entries.add(e.entry());
        }
        int requestBytes = bytes;
        long start = System.nanoTime();
        CompletableFuture<PutEventsResponse> response;
        try {
            response = sender.send(entries);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        log.debug("Sending PutEvents with {} entries, {} bytes", batch.size(), requestBytes);
        response.whenComplete((result, error) -> {
            long elapsed = System.nanoTime() - start;
            if (error != null) {
                window.complete(ticket, AwsErrorClassifier.isThrottling(error), batch.size(), 0, elapsed);
            } else {
                window.complete(ticket, false, batch.size(), throttledEntries(result), elapsed);
            }
            metrics.request(batch.size(), requestBytes, elapsed / 1_000_000);
            try {
                if (error != null) {
                    onRequestFailure(batch, error);
                } else {
                    onResponse(batch, result);
                }
            } catch (RuntimeException e) {
                log.error("Handling a PutEvents result failed", e);
                fatal.compareAndSet(null, new ConnectException("Handling a PutEvents result failed", e));
            }
        });
    }

    private static int throttledEntries(PutEventsResponse result) {
        int throttled = 0;
        for (PutEventsResultEntry e : result.entries()) {
            if (AwsErrorClassifier.isThrottlingCode(e.errorCode())) {
                throttled++;
            }
        }
        return throttled;
    }

    private void onResponse(List<PendingEntry> batch, PutEventsResponse response) {
        List<PutEventsResultEntry> results = response.entries();
        if (results.size() != batch.size()) {
            onRequestFailure(
                    batch,
                    new IllegalStateException("PutEvents answered " + results.size() + " entries for " + batch.size()));
            return;
        }
        int delivered = 0;
        long chunks = 0;
        long now = System.currentTimeMillis();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = results.get(i);
            PendingEntry entry = batch.get(i);
            String code = result.errorCode();
            if (code == null || code.isEmpty()) {
                delivered++;
                chunks += SinkMetrics.chunks(entry.size());
                Long timestamp = entry.record().timestamp();
                if (timestamp != null) {
                    metrics.eventLatency(now - timestamp);
                }
                finish(entry);
                continue;
            }
            metrics.failed(code);
            String message = result.errorMessage() == null ? code : result.errorMessage();
            if (AwsErrorClassifier.classifyEntry(code) == FailureKind.RETRYABLE) {
                retryLater(entry, code, message);
            } else {
                fail(entry, code, message);
            }
        }
        metrics.sent(delivered);
        metrics.billed(chunks);
        if (delivered > 0) {
            unproductive.set(0);
        } else {
            unproductive.incrementAndGet();
        }
    }

    private void onRequestFailure(List<PendingEntry> batch, Throwable error) {
        FailureKind kind =
                error instanceof IllegalStateException ? FailureKind.RETRYABLE : AwsErrorClassifier.classify(error);
        String code = AwsErrorClassifier.errorCode(error);
        String message = String.valueOf(AwsErrorClassifier.unwrap(error).getMessage());
        for (int i = 0; i < batch.size(); i++) {
            metrics.failed(code);
        }
        unproductive.incrementAndGet();
        switch (kind) {
            case RETRYABLE:
                log.debug("PutEvents request of {} entries failed ({}); retrying", batch.size(), code);
                batch.forEach(e -> retryLater(e, code, message));
                break;
            case FATAL:
                fatal.compareAndSet(
                        null,
                        new ConnectException(
                                "EventBridge rejected PutEvents with " + code + ": "
                                        + message
                                        + ". This will not succeed until it is fixed: check the event bus ARN and region, "
                                        + "the credentials, and that they allow events:PutEvents on the bus",
                                AwsErrorClassifier.unwrap(error)));
                log.error("PutEvents failed fatally with {}: {}", code, message);
                break;
            default:
                if (batch.size() > 1) {
                    // one bad entry can sink a request: send each alone to find it
                    log.debug(
                            "PutEvents request of {} entries rejected ({}); re-sending them one by one",
                            batch.size(),
                            code);
                    batch.forEach(e -> {
                        e.isolate(true);
                        requeue(e);
                    });
                } else {
                    fail(batch.get(0), code, message);
                }
        }
    }

    private void retryLater(PendingEntry entry, String code, String message) {
        long delay = policy.nextDelayMs(
                entry.firstAttemptMs(), nowMs(), BackoffLevel.retryNumber(entry.attempts(), unproductive.get()));
        if (delay < 0) {
            fail(
                    entry,
                    code,
                    message + " (still failing after " + entry.attempts() + " attempts; retry.deadline.ms="
                            + policy.deadlineMs() + " reached)");
            return;
        }
        metrics.retry();
        if (delay == 0) {
            requeue(entry);
        } else {
            scheduler.schedule(() -> requeue(entry), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void requeue(PendingEntry entry) {
        if (entry.partition().closed()) {
            release(entry);
            return;
        }
        lock.lock();
        try {
            queue.addFirst(entry);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void offload(PendingEntry entry) {
        entry.attempt(nowMs());
        offloader.offload(entry).whenComplete((ok, error) -> {
            if (error == null) {
                entry.setDetailToOffload(null);
                metrics.offloaded();
                if (entry.size() > limits.maxBytes()) {
                    fail(
                            entry,
                            AwsErrorClassifier.ENTRY_TOO_LARGE,
                            "entry is " + entry.size() + " bytes after offloading, over batch.max.bytes="
                                    + limits.maxBytes());
                } else {
                    lock.lock();
                    try {
                        queue.addLast(entry);
                        notEmpty.signal();
                    } finally {
                        lock.unlock();
                    }
                }
                return;
            }
            String code = AwsErrorClassifier.errorCode(error);
            String message =
                    "offload to S3 failed: " + AwsErrorClassifier.unwrap(error).getMessage();
            FailureKind kind = AwsErrorClassifier.classify(error);
            long delay = kind == FailureKind.RETRYABLE
                    ? policy.nextDelayMs(entry.firstAttemptMs(), nowMs(), entry.attempts())
                    : -1;
            if (kind == FailureKind.FATAL) {
                fatal.compareAndSet(
                        null,
                        new ConnectException(
                                "S3 offload failed with " + code + ": " + message
                                        + ". Check the offload bucket, its region and the s3:PutObject permission",
                                AwsErrorClassifier.unwrap(error)));
            } else if (delay < 0) {
                fail(entry, code, message);
            } else {
                metrics.retry();
                scheduler.schedule(() -> offload(entry), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void fail(PendingEntry entry, String code, String message) {
        failures.add(new FailedEntry(entry, new Failure(code, message, entry.attempts())));
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void finish(PendingEntry entry) {
        entry.partition().finish(entry.offset());
        release(entry);
    }

    private void release(PendingEntry entry) {
        lock.lock();
        try {
            bufferedRecords--;
            bufferedBytes -= entry.bufferedBytes();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    /** Stops sending; waits up to {@code timeoutMs} for requests in flight, so their results are not wasted. */
    public void close(long timeoutMs) {
        running = false;
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        window.wakeUp();
        try {
            if (!window.awaitIdle(timeoutMs)) {
                log.info("Stopping with PutEvents requests still in flight; their records are not committed and "
                        + "will be read again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senderThread.interrupt();
        scheduler.shutdownNow();
        sender.close();
        if (offloader != null) {
            offloader.close();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
