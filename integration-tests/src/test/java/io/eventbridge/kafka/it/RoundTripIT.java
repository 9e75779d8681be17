package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both connectors from their zips on a 3-worker Connect cluster: Kafka -> sink -> EventBridge bus -> rule ->
 * SQS -> source -> Kafka keeps every event: JSON values, also when a worker is stopped mid-stream, and Avro
 * values through the Glue Schema Registry, read by the sink and written by the source with Glue's own
 * {@code AWSKafkaAvroConverter}, loaded plugin-isolated.
 */
class RoundTripIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        // lost tasks are reassigned after this delay (5 minutes by default)
        stack = LocalStack.start(3, Map.of("scheduled.rebalance.max.delay.ms", "5000"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Sink (3 tasks) on {@code prefix-orders} -> bus -> rule -> queue -> source (2 tasks) -> {@code prefix-back}. */
    private static String startRoundTrip(String prefix) throws InterruptedException {
        var connect = stack.connect();
        connect.kafka().createTopic(prefix + "-orders", 4);
        connect.kafka().createTopic(prefix + "-back", 4);
        Map<String, String> sink = stack.sinkConfig(prefix + "-orders", prefix + "-bus");
        sink.put("tasks.max", "3");
        sink.put("event.source", "com.example." + prefix);
        sink.put("event.detail.mode", "value");
        connect.configureConnector(prefix + "-sink", sink);
        String queue = stack.sqs().createQueue(prefix + "-events");
        stack.eventBridge()
                .createRule(
                        prefix + "-bus",
                        prefix + "-rule",
                        "{\"source\":[\"com.example." + prefix + "\"]}",
                        LocalSqs.queueArn(queue));
        Map<String, String> source = stack.sourceConfig(prefix + "-back", queue);
        source.put("tasks.max", "2");
        source.put("value.mode", "detail");
        connect.configureConnector(prefix + "-source", source);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(prefix + "-sink", 3, "sink");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(prefix + "-source", 2, "source");
        return queue;
    }

    private static void produce(String topic, int from, int to) {
        try (KafkaProducer<byte[], byte[]> producer = stack.connect().kafka().createProducer(Map.of())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"orderId\":" + i + ",\"note\":\"é€\"}").getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static Set<Integer> orderIds(String topic) throws Exception {
        Set<Integer> ids = new HashSet<>();
        stack.connect().kafka().consumeAll(30_000, topic).forEach(r -> {
            try {
                ids.add(JSON.readTree(r.value()).get("orderId").asInt());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ids;
    }

    private static void awaitEveryOrder(String topic, int events) {
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> assertThat(orderIds(topic)).hasSize(events));
    }

    private static void awaitQueueEmpty(String queue) {
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(
                                stack.sqs().visible(queue) + stack.sqs().inFlight(queue))
                        .isZero());
    }

    @Test
    void everyEventMakesTheRoundTripOnAThreeWorkerCluster() throws Exception {
        String queue = startRoundTrip("rt");
        produce("rt-orders", 0, 2000);
        awaitEveryOrder("rt-back", 2000);
        awaitQueueEmpty(queue);
    }

    @Test
    void aWorkerStoppedMidStreamLosesNothing() throws Exception {
        String queue = startRoundTrip("wf");
        produce("wf-orders", 0, 1500);
        await().atMost(Duration.ofMinutes(2)).until(() -> orderIds("wf-back").size() >= 300);
        stack.connect().removeWorker(); // stops one of the three with its sink and source tasks mid-stream
        produce("wf-orders", 1500, 3000);
        // the two left take the tasks over (scheduled.rebalance.max.delay.ms is short here) and finish
        stack.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("wf-sink", 3, "sink after");
        stack.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("wf-source", 2, "source after");
        awaitEveryOrder("wf-back", 3000);
        awaitQueueEmpty(queue);
        stack.connect().addWorker();
    }

    @Test
    void glueAvroValuesMakeTheRoundTripThroughGluesOwnConverterOnBothEnds() throws Exception {
        var connect = stack.connect();
        String endpoint = stack.eventBridge().endpoint();
        connect.kafka().createTopic("av-orders", 4);
        connect.kafka().createTopic("av-back", 4);
        Map<String, String> sink = stack.sinkConfig("av-orders", "av-bus");
        sink.put("tasks.max", "3");
        sink.put("event.source", "com.example.av");
        sink.put("event.detail.mode", "value");
        sink.putAll(GlueAvro.valueConverter(endpoint, "orders-registry", null));
        connect.configureConnector("av-sink", sink);
        String queue = stack.sqs().createQueue("av-events");
        stack.eventBridge()
                .createRule("av-bus", "av-rule", "{\"source\":[\"com.example.av\"]}", LocalSqs.queueArn(queue));
        Map<String, String> source = stack.sourceConfig("av-back", queue);
        source.put("tasks.max", "2");
        source.put("value.mode", "detail");
        source.put("schema.mode", "infer");
        source.putAll(GlueAvro.valueConverter(endpoint, "orders-registry", "av-back-value"));
        connect.configureConnector("av-source", source);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("av-sink", 3, "sink");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("av-source", 2, "source");

        int events = 1000;
        try (var serializer = GlueAvro.serializer(endpoint, "orders-registry", "av-orders-value");
                KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(
                        "av-orders",
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        serializer.serialize("av-orders", GlueAvro.order(i))));
            }
        }
        Map<Integer, org.apache.avro.generic.GenericRecord> back = new java.util.HashMap<>();
        try (var deserializer = GlueAvro.deserializer(endpoint, "orders-registry")) {
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
                connect.kafka().consumeAll(30_000, "av-back").forEach(r -> {
                    var record = (org.apache.avro.generic.GenericRecord) deserializer.deserialize("av-back", r.value());
                    back.put(((Number) record.get("orderId")).intValue(), record);
                });
                assertThat(back).hasSize(events);
            });
        }
        for (int i : List.of(0, 7, 999)) {
            var expected = GlueAvro.order(i);
            assertThat(back.get(i).get("customer").toString())
                    .isEqualTo(expected.get("customer").toString());
            assertThat(((Number) back.get(i).get("amount")).doubleValue()).isEqualTo((double) expected.get("amount"));
        }
        assertThat(stack.eventBridge().glueSchemaVersions())
                .extracting(v -> v.schemaKey())
                .contains("orders-registry/av-orders-value", "orders-registry/av-back-value");
        awaitQueueEmpty(queue);
    }
}
