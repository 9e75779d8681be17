package io.eventbridge.kafka.sink.offload;

import io.eventbridge.kafka.sink.delivery.PendingEntry;
import java.util.concurrent.CompletableFuture;

/** Moves part of a large event elsewhere (a claim check) and rewrites the entry to point at it. */
public interface Offloader extends AutoCloseable {
    /**
     * Uploads the entry's offloaded part and replaces its entry. Completes exceptionally with the
     * store's error; the caller decides on retries.
     */
    CompletableFuture<Void> offload(PendingEntry entry);

    @Override
    void close();
}
