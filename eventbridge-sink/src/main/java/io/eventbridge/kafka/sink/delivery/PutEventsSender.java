package io.eventbridge.kafka.sink.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Sends one PutEvents request without blocking. */
public interface PutEventsSender extends AutoCloseable {
    CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries);

    @Override
    void close();
}
