package io.eventbridge.kafka.it.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.process.ConnectRest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios written once, against a {@link TestEnvironment}: {@code EmbeddedScenariosIT} runs
 * them on the embedded stack (CI), {@code DockerScenariosIT} on Testcontainers (LocalStack and a Kafka
 * container), with {@code mvn verify -P docker}. A subclass sets {@link #env} before the tests.
 */
abstract class Scenarios {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    protected static TestEnvironment env;
    private static Aws aws;
    private static KafkaIo kafka;
    private static ConnectRest connect;

    /** Called by the subclass's {@code @BeforeAll} once {@link #env} is up. */
    protected static void connectTo(TestEnvironment environment) {
        env = environment;
        aws = new Aws(env);
        kafka = new KafkaIo(env.kafkaBootstrapServers());
        connect = new ConnectRest(env.connectUrl());
    }

    @AfterAll
    static void closeEnvironment() {
        if (aws != null) {
            aws.close();
        }
        if (env != null) {
            env.close();
        }
    }

    private static Map<String, String> sink(String topic, String busArn, String source) {
        Map<String, String> config =
                LocalStack.sinkConfig(env.awsClientConfig("aws.eventbridge.", "events"), topic, busArn);
        config.put("tasks.max", "2");
        config.put("event.source", source);
        config.put("event.detail.mode", "value");
        return config;
    }

    private static Map<String, String> source(String topic, String queueUrl) {
        return LocalStack.sourceConfig(env.awsClientConfig("aws.sqs.", "sqs"), topic, queueUrl);
    }

    private static void deploy(String name, Map<String, String> config) throws Exception {
        connect.put(name, config);
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(connect.states(name)).matches("RUNNING( RUNNING)+"));
    }

    private static String envelope(String id, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Order Placed\",\"source\":\"com.shop\","
                + "\"account\":\"123456789012\",\"time\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail + "}";
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void awaitQueueEmpty(String queueUrl) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(aws.messagesLeft(queueUrl)).isZero());
    }

    @Test
    void jsonOrdersMakeTheRoundTripThroughABusARuleAndAQueue() throws Exception {
        kafka.createTopic("sc-orders", 2);
        kafka.createTopic("sc-back", 2);
        String bus = aws.createBus("sc-bus");
        String queue = aws.createQueue("sc-events");
        aws.ruleToQueue("sc-bus", "sc-rule", "{\"source\":[\"com.example.scenario\"]}", queue);
        deploy("sc-sink", sink("sc-orders", bus, "com.example.scenario"));
        Map<String, String> source = source("sc-back", queue);
        source.put("value.mode", "detail");
        deploy("sc-source", source);

        int orders = 300;
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            keys.add(("o-" + i).getBytes(StandardCharsets.UTF_8));
            values.add(("{\"orderId\":" + i + ",\"note\":\"é€\"}").getBytes(StandardCharsets.UTF_8));
        }
        kafka.produce("sc-orders", keys, values);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Set<Integer> ids = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll("sc-back")) {
                assertThat(JSON.readTree(r.value()).get("note").asText()).isEqualTo("é€");
                ids.add(JSON.readTree(r.value()).get("orderId").asInt());
            }
            assertThat(ids).hasSize(orders);
        });
        awaitQueueEmpty(queue);
        connect.delete("sc-sink");
        connect.delete("sc-source");
    }

    @Test
    void theSourceWritesBinaryModeCloudEventsWithTheEnvelopeAsAttributes() throws Exception {
        kafka.createTopic("sc-ce", 1);
        String queue = aws.createQueue("sc-ce-events");
        aws.send(queue, List.of(envelope("ce-1", "{\"orderId\":1}"), envelope("ce-2", "{\"orderId\":2}")));
        Map<String, String> source = source("sc-ce", queue);
        source.put("value.mode", "cloudevent");
        source.put("value.converter", "io.eventbridge.kafka.cloudevents.CloudEventsConverter");
        source.remove("value.converter.schemas.enable");
        deploy("sc-ce-source", source);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll("sc-ce");
            assertThat(records).extracting(r -> header(r, "ce_id")).containsExactlyInAnyOrder("ce-1", "ce-2");
            assertThat(records).allSatisfy(r -> {
                assertThat(header(r, "ce_source")).isEqualTo("com.shop");
                assertThat(header(r, "ce_type")).isEqualTo("Order Placed");
                assertThat(JSON.readTree(r.value()).has("orderId")).isTrue();
            });
        });
        awaitQueueEmpty(queue);
        connect.delete("sc-ce-source");
    }

    @Test
    void poisonMessagesReachTheDeadLetterTopicAndGoodOnesTheirTopic() throws Exception {
        kafka.createTopic("sc-poison", 1);
        kafka.createTopic("sc-poison-dlq", 1);
        String queue = aws.createQueue("sc-poison-events");
        aws.send(queue, List.of(envelope("ok-1", "{}"), "{\"detail-type\":\"broken\"", envelope("ok-2", "{}")));
        deploy("sc-poison-source", source("sc-poison", queue));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(kafka.readAll("sc-poison")).hasSize(2);
            List<ConsumerRecord<byte[], byte[]>> dlq = kafka.readAll("sc-poison-dlq");
            assertThat(dlq).hasSize(1);
            assertThat(header(dlq.get(0), "eventbridge.error.message")).contains("not valid JSON");
            assertThat(header(dlq.get(0), "sqs.message.id")).isNotBlank();
        });
        awaitQueueEmpty(queue);
        connect.delete("sc-poison-source");
    }
}
