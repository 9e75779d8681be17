package io.eventbridge.kafka.common.retry;

import io.eventbridge.kafka.common.error.FailureKind;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking call under a {@link RetryPolicy}: for control-plane and bookkeeping calls that
 * have nothing better to do while they wait. Data-plane sends schedule their retries instead.
 */
public final class Retrier {
    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    /** How the waiting is done; tests record the delays instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A monotonic millisecond clock. */
    @FunctionalInterface
    public interface Clock {
        long millis();
    }

    private final RetryPolicy policy;
    private final Function<Throwable, FailureKind> classifier;
    private final Sleeper sleeper;
    private final Clock clock;

    public Retrier(RetryPolicy policy, Function<Throwable, FailureKind> classifier) {
        this(policy, classifier, Thread::sleep, () -> System.nanoTime() / 1_000_000);
    }

    public Retrier(RetryPolicy policy, Function<Throwable, FailureKind> classifier, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.classifier = classifier;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Calls {@code call} until it succeeds, fails with an error that is not retryable, or the
     * deadline leaves no room for another try; the last error is then thrown as it was.
     */
    public <T> T call(String what, Callable<T> call) throws Exception {
        long first = clock.millis();
        for (int retry = 1; ; retry++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (classifier.apply(e) != FailureKind.RETRYABLE) {
                    throw e;
                }
                long delay = policy.nextDelayMs(first, clock.millis(), retry);
                if (delay < 0) {
                    log.warn(
                            "{} failed {} times; the retry deadline of {} ms is reached",
                            what,
                            retry,
                            policy.deadlineMs());
                    throw e;
                }
                log.debug("{} failed ({}); retry {} in {} ms", what, e.toString(), retry, delay);
                sleeper.sleep(delay);
            }
        }
    }
}
