package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The blocking SQS and EventBridge clients of a subscription's control-plane calls, built from the connector's
 * aws.sqs.* settings (region, credentials) and aws.eventbridge.endpoint.uri; closed together.
 */
public record SubscriptionClients(SqsClient sqs, EventBridgeClient events, AwsClientFactory factory)
        implements AutoCloseable {

    public static SubscriptionClients of(EventBridgeSourceConfig config) {
        AwsClientFactory clients = new AwsClientFactory(config.sqsClient());
        SqsClient sqs = clients.configure(SqsClient.builder(), null)
                .httpClient(clients.syncHttpClient(4, 0))
                .build();
        EventBridgeClient events = clients.configure(EventBridgeClient.builder(), config.eventBridgeEndpoint())
                .httpClient(clients.syncHttpClient(4, 0))
                .build();
        return new SubscriptionClients(sqs, events, clients);
    }

    @Override
    public void close() {
        sqs.close();
        events.close();
        factory.close();
    }
}
