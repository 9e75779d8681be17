package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example under config/ deployed on a Connect worker as shipped, with only the endpoint keys added
 * that point its AWS clients at the local stack (credentials come from the default chain, as on a worker),
 * and then run: its tasks start, and a record or a message goes through it.
 */
class ExampleDeploymentIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final java.util.Set<String> CREATED = new java.util.HashSet<>();

    static List<Path> examples() throws Exception {
        return ExampleConfigsIT.examples().toList();
    }

    /** The example with endpoint keys for each AWS client it configures; nothing else changes. */
    private static Map<String, String> withLocalEndpoints(Map<String, String> config) {
        if (config.containsKey("aws.eventbridge.region")) {
            config.put("aws.eventbridge.endpoint.uri", eventBridge.endpoint());
        }
        if (config.containsKey("aws.sqs.region")) {
            config.put("aws.sqs.endpoint.uri", stack.sqs().endpoint());
        }
        if (config.containsKey("subscription.mode")) { // the source's own EventBridge calls
            config.put("aws.eventbridge.endpoint.uri", eventBridge.endpoint());
        }
        if (GlueAvro.CONVERTER.equals(config.get("value.converter"))) {
            config.put("value.converter.endpoint", eventBridge.endpoint());
        }
        if (config.containsKey("value.converter.glue.region")) {
            config.put("value.converter.glue.endpoint.uri", eventBridge.endpoint());
        }
        return config;
    }

    /**
     * The topics the example names, made first as an operator would: on a production cluster Connect could
     * create the dead-letter topic itself (replication factor 3), not on this one-broker cluster.
     */
    private static void createTopics(Map<String, String> config) {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        for (String key : List.of("topics", "errors.deadletterqueue.topic.name", "dead.letter.topic", "topic")) {
            String value = config.get(key);
            if (value != null) {
                topics.add(value.replace("${source}", "com.shop"));
            }
        }
        config.forEach((k, v) -> {
            if (k.startsWith("route.") && k.endsWith(".topic")) {
                topics.add(v);
            }
        });
        for (String topic : topics) {
            if (CREATED.add(topic)) {
                connect.kafka().createTopic(topic, 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void deploysAsShippedAndRuns(Path example) throws Exception {
        Map<String, String> config = withLocalEndpoints(ExampleConfigsIT.read(example));
        String name = config.get("name");
        boolean sink = config.get("connector.class").endsWith("SinkConnector");
        boolean subscription = "managed".equals(config.get("subscription.mode"));
        if (subscription) {
            eventBridge.createBus(config.get("subscription.event.bus"));
            // a fresh queue here too: the .json and .properties examples are one connector, and the first one's
            // abandoned long polls would take and hide the second one's event (the connector recreates the queue)
            try {
                String own = stack.sqs()
                        .client()
                        .getQueueUrl(b -> b.queueName("eventbridge-" + name))
                        .queueUrl();
                stack.sqs().client().deleteQueue(b -> b.queueUrl(own));
            } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException e) {
                // the first of them: nothing to clear
            }
        } else if (sink) {
            String busArn = config.get("aws.eventbridge.eventbus.arn");
            assertThat(eventBridge.createBus(busArn.substring(busArn.lastIndexOf('/') + 1)))
                    .isEqualTo(busArn);
        } else {
            // a fresh queue: the source examples share one, and the long polls a deleted source task
            // abandoned would take (and hide for their visibility timeout) the next example's message
            String url = config.get("aws.sqs.queue.urls");
            String queue = stack.sqs().createQueue(url.substring(url.lastIndexOf('/') + 1));
            stack.sqs().client().deleteQueue(b -> b.queueUrl(queue));
            stack.sqs().createQueue(url.substring(url.lastIndexOf('/') + 1));
        }
        createTopics(config);
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, example + " did not start");
        try {
            if (sink) {
                produceAnOrderAndSeeItAtTheBus(config);
            } else if (subscription) {
                putAnEventOnTheBusAndSeeItInKafka(config);
            } else {
                sendAnEventAndSeeItInKafka(config);
            }
        } finally {
            connect.deleteConnector(name);
        }
    }

    private static void produceAnOrderAndSeeItAtTheBus(Map<String, String> config) {
        String topic = config.get("topics");
        String id = "example-" + System.nanoTime();
        RecordHeaders headers = new RecordHeaders();
        if (config.get("value.converter").endsWith("CloudEventsConverter")) { // a binary-mode CloudEvent
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "com.example.orders".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", "Order Placed".getBytes(StandardCharsets.UTF_8));
            headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            producer.send(new ProducerRecord<>(
                    topic,
                    null,
                    "k".getBytes(StandardCharsets.UTF_8),
                    // an order as the examples expect it: event.detail.type may read $.status
                    ("{\"orderId\":\"" + id + "\",\"status\":\"Placed\",\"total\":12}")
                            .getBytes(StandardCharsets.UTF_8),
                    headers));
        }
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(eventBridge.events())
                        .extracting(ReceivedEvent::detail)
                        .anyMatch(d -> d.contains(id)));
    }

    /** Subscription mode: the connector made the rule and the queue; an event put on its bus reaches the topic. */
    private static void putAnEventOnTheBusAndSeeItInKafka(Map<String, String> config) {
        String id = "example-" + System.nanoTime();
        try (var client = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .endpointOverride(java.net.URI.create(eventBridge.endpoint()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.of(LocalEventBridge.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build()) {
            assertThat(client.putEvents(b -> b.entries(e -> e.eventBusName(config.get("subscription.event.bus"))
                                    .source("com.shop")
                                    .detailType("Order Placed")
                                    .detail("{\"orderId\":\"" + id + "\"}")))
                            .failedEntryCount())
                    .isZero();
        }
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(connect.kafka().consumeAll(10_000, config.get("topic")))
                        .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)));
    }

    private static void sendAnEventAndSeeItInKafka(Map<String, String> config) throws Exception {
        String url = config.get("aws.sqs.queue.urls");
        String queue = stack.sqs().createQueue(url.substring(url.lastIndexOf('/') + 1));
        String id = "example-" + System.nanoTime();
        stack.sqs()
                .send(
                        queue,
                        List.of("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Order Placed\","
                                + "\"source\":\"com.shop\",\"account\":\"123456789012\",\"time\":\""
                                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"region\":\""
                                + LocalEventBridge.REGION + "\","
                                + "\"resources\":[],\"detail\":{\"orderId\":\"" + id + "\",\"total\":12}}"),
                        null);
        // the topic template of the examples: a fixed name, or eventbridge.${source}
        String topic = config.get("topic").replace("${source}", "com.shop");
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(connect.kafka().consumeAll(10_000, topic))
                        .anyMatch(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(id)));
    }
}
