package io.eventbridge.kafka.it.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The sink from its zip with the CloudEvents converter (bundled in the zip) as value.converter, reading
 * CloudEvents that the SDK's own Kafka serializer wrote.
 */
class CloudEventsSinkIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvent event(int i) {
        return CloudEventBuilder.v1()
                .withId("order-" + i)
                .withSource(URI.create("com.example.orders"))
                .withType("Order Placed")
                .withTime(OffsetDateTime.parse("2026-11-23T10:00:00Z").plusSeconds(i))
                .withExtension("resources", "[\"arn:aws:example:order/" + i + "\"]")
                .withData("application/json", ("{\"orderId\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static void produce(String topic, String encoding, int count) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connect.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                CloudEventSerializer.class,
                CloudEventSerializer.ENCODING_CONFIG,
                encoding,
                CloudEventSerializer.EVENT_FORMAT_CONFIG,
                "application/cloudevents+json");
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, event(i)));
            }
        }
    }

    private static Map<String, String> sink(String topic, String bus) {
        Map<String, String> config = stack.sinkConfig(topic, bus);
        config.put("value.converter", "io.eventbridge.kafka.cloudevents.CloudEventsConverter");
        config.remove("value.converter.schemas.enable");
        return config;
    }

    private static void start(String name, Map<String, String> config) throws InterruptedException {
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "sink " + name + " did not start");
    }

    @Test
    void binaryCloudEventsBecomeEventsWithTheirTypeSourceTimeResourcesAndData() throws Exception {
        connect.kafka().createTopic("ce-binary", 1);
        start("ce-binary-sink", sink("ce-binary", "ce-bus"));
        produce("ce-binary", "BINARY", 50);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(eventBridge.events()).hasSize(50));
        ReceivedEvent e = eventBridge.events().stream()
                .filter(x -> x.detail().contains("\"orderId\":7"))
                .findFirst()
                .orElseThrow();
        assertThat(e.detailType()).isEqualTo("Order Placed");
        assertThat(e.source()).isEqualTo("com.example.orders");
        // PutEvents carries Time as epoch seconds
        assertThat((long) Double.parseDouble(e.time()))
                .isEqualTo(OffsetDateTime.parse("2026-11-23T10:00:07Z").toEpochSecond());
        assertThat(e.resources()).containsExactly("arn:aws:example:order/7");
        assertThat(JSON.readTree(e.detail())).isEqualTo(JSON.readTree("{\"orderId\":7}"));
        connect.deleteConnector("ce-binary-sink");
    }

    @Test
    void structuredCloudEventsCanBeSentWholeAsTheDetail() throws Exception {
        connect.kafka().createTopic("ce-structured", 1);
        Map<String, String> config = sink("ce-structured", "ce-bus");
        config.put("event.cloudevents.mode", "detail");
        start("ce-structured-sink", config);
        produce("ce-structured", "STRUCTURED", 20);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(eventBridge.events()).hasSize(20));
        for (ReceivedEvent e : eventBridge.events()) {
            JsonNode detail = JSON.readTree(e.detail());
            assertThat(detail.get("specversion").asText()).isEqualTo("1.0");
            assertThat(detail.get("id").asText()).startsWith("order-");
            assertThat(detail.get("data").has("orderId")).isTrue();
            assertThat(e.detailType()).isEqualTo("Order Placed");
        }
        connect.deleteConnector("ce-structured-sink");
    }

    @Test
    void recordsThatAreNotCloudEventsAreDeadLetteredWhileTheRestIsSent() throws Exception {
        String topic = "ce-mixed";
        connect.kafka().createTopic(topic, 1);
        produce(topic, "BINARY", 10);
        try (KafkaProducer<byte[], byte[]> plain = connect.kafka().createProducer(Map.of())) {
            plain.send(new ProducerRecord<>(topic, "{\"not\":\"a cloudevent\"}".getBytes(StandardCharsets.UTF_8)));
        }
        produce(topic, "BINARY", 10);
        Map<String, String> config = LocalStack.withDeadLetterTopic(sink(topic, "ce-bus"), "ce-mixed-dlq");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        start("ce-mixed-sink", config);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(eventBridge.events()).hasSize(20));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(connect.kafka().endOffset(new TopicPartition("ce-mixed-dlq", 0)))
                        .isEqualTo(1));
        var dlq = connect.kafka().consume(1, TIMEOUT.toMillis(), "ce-mixed-dlq");
        String reason = new String(
                dlq.iterator()
                        .next()
                        .headers()
                        .lastHeader("__connect.errors.exception.message")
                        .value(),
                StandardCharsets.UTF_8);
        assertThat(reason).contains("not a CloudEvent", "ce_specversion");
        connect.deleteConnector("ce-mixed-sink");
    }
}
