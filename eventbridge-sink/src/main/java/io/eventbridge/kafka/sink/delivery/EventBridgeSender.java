package io.eventbridge.kafka.sink.delivery;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** {@link PutEventsSender} over the SDK's async EventBridge client (Netty, no SDK retries). */
public final class EventBridgeSender implements PutEventsSender {
    private final EventBridgeAsyncClient client;
    private final String endpointId;

    public EventBridgeSender(AwsClientFactory factory, int maxInFlight, String endpointId) {
        this.client = factory.configure(EventBridgeAsyncClient.builder(), null)
                .httpClient(factory.asyncHttpClient(maxInFlight))
                .build();
        this.endpointId = endpointId;
    }

    @Override
    public CompletableFuture<PutEventsResponse> send(List<PutEventsRequestEntry> entries) {
        PutEventsRequest.Builder request = PutEventsRequest.builder().entries(entries);
        if (endpointId != null) {
            request.endpointId(endpointId);
        }
        return client.putEvents(request.build());
    }

    @Override
    public void close() {
        client.close();
    }
}
