package io.eventbridge.kafka.common.dlq;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Dead-letter writes still in flight, each with what to do once it is acknowledged: let the record's offset go. A
 * record's offset must not commit before its dead letter is written, or a dead letter that then fails (a missing
 * or unwritable topic) would lose the record. A failed write is fatal: the task fails naming the record, and its
 * offset never commits, so a restarted task reads it again. Task thread only.
 */
public final class DeadLetterWrites {
    private record Pending(Future<Void> write, Runnable done, String record) {}

    private final Deque<Pending> pending = new ArrayDeque<>();
    private ConnectException fatal;

    /** Runs {@code done} once {@code write} succeeded; at once when there is no write to wait for. */
    public void add(Future<Void> write, Runnable done, String record) {
        if (write == null) {
            done.run();
            return;
        }
        pending.add(new Pending(write, done, record));
        settle();
    }

    /** Lets go of the records whose dead letters are written, oldest first; records the first failure. */
    public void settle() {
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (!p.write().isDone()) {
                continue;
            }
            it.remove();
            try {
                p.write().get();
                p.done().run();
            } catch (ExecutionException e) {
                if (fatal == null) {
                    fatal = new ConnectException(
                            "Could not write the dead letter of record " + p.record()
                                    + " to the dead-letter topic, so its offset is not committed and the task stops (restart it "
                                    + "once the topic can take the record): " + e.getCause(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.addFirst(p);
                return;
            }
        }
    }

    /** Waits up to {@code timeoutMs} for every write; false when some are still in flight. */
    public boolean awaitAll(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        settle();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            settle();
        }
        return pending.isEmpty();
    }

    public int inFlight() {
        return pending.size();
    }

    /** The failure of a dead-letter write, or null. */
    public ConnectException fatal() {
        return fatal;
    }
}
