package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both connectors from their zips on a 3-worker Connect cluster: Kafka -> sink -> EventBridge bus -> rule ->
 * SQS -> source -> Kafka keeps every event (JSON values).
 */
class RoundTripIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(3);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyEventMakesTheRoundTripOnAThreeWorkerCluster() throws Exception {
        var connect = stack.connect();
        connect.kafka().createTopic("rt-orders", 4);
        connect.kafka().createTopic("rt-back", 4);
        Map<String, String> sink = stack.sinkConfig("rt-orders", "rt-bus");
        sink.put("tasks.max", "3");
        sink.put("event.source", "com.example.rt");
        sink.put("event.detail.mode", "value");
        connect.configureConnector("rt-sink", sink);
        String queue = stack.sqs().createQueue("rt-events");
        stack.eventBridge().createRule("rt-bus", "rt-rule", "{\"source\":[\"com.example.rt\"]}",
            LocalSqs.queueArn(queue));
        Map<String, String> source = stack.sourceConfig("rt-back", queue);
        source.put("tasks.max", "2");
        source.put("value.mode", "detail");
        connect.configureConnector("rt-source", source);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("rt-sink", 3, "sink");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("rt-source", 2, "source");

        int events = 2000;
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>("rt-orders", ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("{\"orderId\":" + i + ",\"note\":\"é€\"}").getBytes(StandardCharsets.UTF_8)));
            }
        }
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            Set<Integer> ids = new HashSet<>();
            connect.kafka().consumeAll(30_000, "rt-back").forEach(r -> {
                try {
                    ids.add(JSON.readTree(r.value()).get("orderId").asInt());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(ids).hasSize(events);
        });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
            assertThat(stack.sqs().visible(queue) + stack.sqs().inFlight(queue)).isZero());
    }
}
