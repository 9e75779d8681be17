package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.GlueAvro;
import io.eventbridge.kafka.it.local.GlueSchemaRegistryApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code schema.mode=infer} with Glue's own Avro converter (plugin-isolated) as the value converter, against
 * the local Glue Schema Registry, which checks each new version against the latest under the schema's
 * compatibility mode (BACKWARD, Glue's default). Events of one detail-type change shape phase by phase, and
 * the task is restarted before the last phase.
 */
class InferredSchemaGlueIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String REGISTRY = "events-registry";
    private static final String SCHEMA = "evolving-value";
    private static final int PER_PHASE = 10;

    @Test
    void evolvingEventsRegisterCompatibleSchemaVersionsAndKeepEveryValue() throws Exception {
        String queue = stack.sqs().createQueue("evolving");
        connect.kafka().createTopic("evolving", 1);
        Map<String, String> config = stack.sourceConfig("evolving", queue);
        config.put("value.mode", "detail");
        config.put("schema.mode", "infer");
        config.putAll(GlueAvro.valueConverter(eventBridge.endpoint(), REGISTRY, SCHEMA));
        connect.configureConnector("evolving-source", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("evolving-source", 1, "source");

        List<IntFunction<String>> phases = List.of(
                // 1: an int, a string, a null and an empty array (these two have no type yet)
                i -> "{\"orderId\":" + i + ",\"customer\":\"c-" + i + "\",\"note\":null,\"lines\":[]}",
                // 2: a new field
                i -> "{\"orderId\":" + i + ",\"customer\":\"c-" + i + "\",\"coupon\":\"SAVE" + i + "\"}",
                // 3: int -> long
                i -> "{\"orderId\":" + (10_000_000_000L + i) + ",\"customer\":\"c-" + i + "\"}",
                // 4: a string where numbers were: overflow field orderId_json
                i -> "{\"orderId\":\"A-" + i + "\",\"customer\":\"c-" + i + "\"}",
                // 5: the empty array gets elements, the null a value
                i -> "{\"orderId\":" + i + ",\"lines\":[{\"sku\":\"s-" + i + "\",\"qty\":" + i + "}],\"note\":\"n\"}",
                // 6, after a restart: small numbers again; a task inferring anew would make orderId an int,
                // which BACKWARD refuses after long
                i -> "{\"orderId\":" + i + ",\"customer\":\"c-" + i + "\",\"coupon\":\"AGAIN\"}");
        Map<String, GenericRecord> back = new HashMap<>();
        try (var deserializer = GlueAvro.deserializer(eventBridge.endpoint(), REGISTRY)) {
            for (int p = 0; p < phases.size(); p++) {
                if (p == phases.size() - 1) {
                    connect.restartConnectorAndTasks("evolving-source", false, true, false);
                    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("evolving-source", 1, "restarted");
                }
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < PER_PHASE; i++) {
                    String id = "p" + (p + 1) + "-" + i;
                    bodies.add(EventBridgeSourceIT.envelope(
                            id,
                            "com.example.orders",
                            "Order Placed",
                            phases.get(p).apply(i)));
                }
                stack.sqs().send(queue, bodies, null);
                int expected = (p + 1) * PER_PHASE;
                // each phase in Kafka before the next is sent, so each shape change is a version of its own
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : connect.kafka().consumeAll(10_000, "evolving")) {
                        back.put(new String(r.key(), StandardCharsets.UTF_8), (GenericRecord)
                                deserializer.deserialize("evolving", r.value()));
                    }
                    assertThat(back).hasSize(expected);
                });
            }
        }

        List<GlueSchemaRegistryApi.Version> versions = eventBridge.glueSchemaVersions().stream()
                .filter(v -> v.schemaKey().equals(REGISTRY + "/" + SCHEMA))
                .toList();
        assertThat(versions).extracting(GlueSchemaRegistryApi.Version::status).containsOnly("AVAILABLE");
        assertThat(versions).extracting(GlueSchemaRegistryApi.Version::number).containsExactlyInAnyOrder(1, 2, 3, 4, 5);

        assertThat(back.get("p1-3").get("orderId")).isEqualTo(3);
        assertThat(back.get("p1-3").getSchema().getField("note"))
                .as("no type yet, no field")
                .isNull();
        assertThat(back.get("p2-4").get("coupon").toString()).isEqualTo("SAVE4");
        assertThat(back.get("p3-5").get("orderId")).isEqualTo(10_000_000_005L);
        GenericRecord text = back.get("p4-6");
        assertThat(text.get("orderId")).isNull();
        assertThat(text.get("orderId_json").toString()).isEqualTo("A-6");
        GenericRecord lines = back.get("p5-7");
        assertThat(lines.get("orderId")).isEqualTo(7L);
        assertThat(lines.get("note").toString()).isEqualTo("n");
        GenericRecord line = (GenericRecord) ((List<?>) lines.get("lines")).get(0);
        assertThat(line.get("sku").toString()).isEqualTo("s-7");
        assertThat(line.get("qty")).isEqualTo(7);
        GenericRecord restarted = back.get("p6-8");
        assertThat(restarted.get("orderId"))
                .as("still the long of the last version")
                .isEqualTo(8L);
        assertThat(restarted.getSchema()).isEqualTo(lines.getSchema());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("evolving-source", 1, "still running");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(stack.sqs().visible(queue)).isZero();
            assertThat(stack.sqs().inFlight(queue)).isZero();
        });
        connect.deleteConnector("evolving-source");
    }
}
