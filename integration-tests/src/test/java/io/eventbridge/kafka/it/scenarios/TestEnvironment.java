package io.eventbridge.kafka.it.scenarios;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the end-to-end scenarios run: a Kafka cluster, a Connect worker with the packaged plugins on its
 * plugin.path, and AWS endpoints for EventBridge and SQS. The scenarios reach all of it the way a user
 * would (Kafka clients, the Connect REST API, the AWS SDK), so the same scenario runs on the embedded stack
 * and on Docker containers.
 *
 * @param connectUrl the Connect REST API, e.g. {@code http://127.0.0.1:8083/}
 * @param shutdown stops what the environment started
 */
record TestEnvironment(
        String kafkaBootstrapServers,
        URI connectUrl,
        URI eventBridgeEndpoint,
        URI sqsEndpoint,
        String region,
        String accessKey,
        String secretKey,
        Runnable shutdown)
        implements AutoCloseable {

    /** The endpoint of {@code events} (EventBridge) or {@code sqs}. */
    URI awsEndpoint(String service) {
        return service.equals("sqs") ? sqsEndpoint : eventBridgeEndpoint;
    }

    /** The client keys of one AWS client of the connectors, e.g. prefix {@code aws.sqs.}, service sqs. */
    Map<String, String> awsClientConfig(String prefix, String service) {
        Map<String, String> config = new HashMap<>();
        config.put(prefix + "region", region);
        config.put(prefix + "endpoint.uri", awsEndpoint(service).toString());
        config.put(prefix + "access.key.id", accessKey);
        config.put(prefix + "secret.access.key", secretKey);
        return config;
    }

    @Override
    public void close() {
        shutdown.run();
    }
}
