package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.deliveredOffsets;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalSqs;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import io.eventbridge.kafka.it.schema.GeneratedCode;
import io.eventbridge.kafka.schema.json.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * schema.registry.publish on the sink, end to end: Glue-Avro records (through Glue's own converter) and schemaless
 * JSON records go to the bus, and every Detail that arrived validates against the schema the sink published for its
 * detail-type (networknt's draft-4 validator; OpenAPI documents through the registry's own JSON Schema export and
 * swagger's parser); an evolved Avro schema makes exactly one new version and a restart none; a registry that is
 * down holds up nothing and gets the schema once back; a restarted task that infers from narrower records does
 * not narrow the published schema; and classes generated from the exported JSON Schema read a
 * real event taken from the bus through a rule and a queue.
 */
class SinkSchemaRegistryIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String REGISTRY = "kafka-events";
    private static final Schema ORDER_V2 = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Order\","
                    + "\"namespace\":\"com.example.orders\",\"fields\":[{\"name\":\"orderId\",\"type\":\"int\"},"
                    + "{\"name\":\"customer\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\"},"
                    + "{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"}]}");

    private AwsClientFactory aws;
    private SchemasClient schemas;

    @BeforeEach
    void client() {
        aws = new AwsClientFactory(new AwsClientSettings(
                LocalEventBridge.REGION,
                eventBridge.endpoint(),
                null,
                null,
                null,
                null,
                null,
                null,
                LocalEventBridge.ACCESS_KEY,
                LocalEventBridge.SECRET_KEY,
                null,
                10_000,
                5_000,
                Map.of()));
        schemas = new SignedSchemasClient(aws, eventBridge.endpoint());
    }

    @AfterEach
    void closeClient() {
        schemas.close();
        aws.close();
    }

    private Map<String, String> sink(String topic, String bus, String format) {
        Map<String, String> config = stack.sinkConfig(topic, bus);
        config.put("schema.registry.publish", "true");
        config.put("schema.registry.name", REGISTRY);
        config.put("schema.registry.format", format);
        config.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        return config;
    }

    private static String schemaName(String topic) {
        return "kafka-connect.local-test@kafka-connect-" + topic;
    }

    private static List<ReceivedEvent> onBus(String bus) {
        return eventBridge.events().stream()
                .filter(e -> e.eventBus().equals(bus))
                .toList();
    }

    private static void produceAvro(String topic, int from, int count, Schema schema) {
        try (var serializer = GlueAvro.serializer(eventBridge.endpoint(), "orders-registry", topic + "-value");
                KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
            for (int i = from; i < from + count; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("orderId", i);
                r.put("customer", "c-" + (i % 7));
                r.put("amount", i * 1.25);
                if (schema.getField("channel") != null) {
                    r.put("channel", i % 2 == 0 ? "web" : "store");
                }
                producer.send(new ProducerRecord<>(
                        topic, ("k" + i).getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, r)));
            }
        }
    }

    /** The event as EventBridge gives it to a target, around a Detail the bus received. */
    private static ObjectNode event(ReceivedEvent e) throws Exception {
        ObjectNode event = SinkTestSupport.JSON
                .createObjectNode()
                .put("version", "0")
                .put("id", e.eventId())
                .put("detail-type", e.detailType())
                .put("source", e.source())
                .put("account", "123456789012")
                .put("time", e.time() == null ? "2026-12-03T00:00:00Z" : e.time())
                .put("region", LocalEventBridge.REGION);
        event.putArray("resources");
        event.set("detail", SinkTestSupport.JSON.readTree(e.detail()));
        return event;
    }

    /** The draft-4 schema of a version (null: the latest): as published, or through the registry's export. */
    private JsonNode asDraft4(String schema, String version) throws Exception {
        SchemasClient.SchemaVersion latest = schemas.describeSchema(REGISTRY, schema, version);
        assertThat(latest).as("schema %s published", schema).isNotNull();
        if (latest.type().equals("OpenApi3")) {
            assertThat(Validation.openApiMessages(SinkTestSupport.JSON.readTree(latest.content())))
                    .isEmpty();
            return SinkTestSupport.JSON.readTree(
                    schemas.exportSchema(REGISTRY, schema, latest.version(), "JSONSchemaDraft4")
                            .content());
        }
        return SinkTestSupport.JSON.readTree(latest.content());
    }

    private void assertEveryEventValidates(String bus, String schema) throws Exception {
        assertEventsValidate(bus, schema, null, e -> true);
    }

    private void assertEventsValidate(
            String bus, String schema, String version, java.util.function.Predicate<JsonNode> which) throws Exception {
        JsonNode draft4 = asDraft4(schema, version);
        int checked = 0;
        for (ReceivedEvent e : onBus(bus)) {
            ObjectNode event = event(e);
            if (which.test(event.get("detail"))) {
                assertThat(Validation.errors(draft4, event)).as(e.detail()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void everyEventSentFromGlueAvroAndFromSchemalessJsonMatchesItsPublishedSchema() throws Exception {
        connect.kafka().createTopic("sr-avro", 2);
        connect.kafka().createTopic("sr-json", 2);
        Map<String, String> avro = sink("sr-avro", "sr-avro-bus", "OpenApi3");
        avro.putAll(GlueAvro.valueConverter(eventBridge.endpoint(), "orders-registry", null));
        avro.put("tasks.max", "2");
        connect.configureConnector("sr-avro-sink", avro);
        Map<String, String> json = sink("sr-json", "sr-json-bus", "JSONSchemaDraft4");
        json.put("event.detail.mode", "value");
        connect.configureConnector("sr-json-sink", json);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-avro-sink", 2, "avro sink");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-json-sink", 1, "json sink");

        produceAvro("sr-avro", 0, 1000, GlueAvro.ORDER);
        // shapes that widen: optional fields come and go, ints grow to longs and doubles, objects nest
        produce(
                connect,
                "sr-json",
                0,
                1000,
                i -> "{\"n\":" + i + ",\"id\":\"o-" + i + "\""
                        + (i % 3 == 0 ? ",\"coupon\":\"SAVE\"" : "")
                        + (i % 5 == 0
                                ? ",\"total\":" + (i * 10_000_000_000L)
                                : ",\"total\":" + (i % 2 == 0 ? i : i + 0.5))
                        + ",\"lines\":[{\"sku\":\"s" + i + "\",\"qty\":" + (i % 4) + "}]"
                        + (i % 7 == 0 ? ",\"ship\":{\"city\":\"Oslo\",\"zip\":null}" : "") + "}");
        await().atMost(TIMEOUT)
                .until(() -> onBus("sr-avro-bus").size() >= 1000
                        && onBus("sr-json-bus").size() >= 1000);
        assertThat(deliveredOffsets(onBus("sr-avro-bus"), "sr-avro")).hasSize(1000);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertEveryEventValidates("sr-avro-bus", schemaName("sr-avro"));
            assertEveryEventValidates("sr-json-bus", schemaName("sr-json"));
        });
        // the Avro schema never changed: one version, whichever task published it
        assertThat(schemas.listSchemaVersions(REGISTRY, schemaName("sr-avro"))).hasSize(1);
        // the JSON widened a few times, never once per record
        assertThat(schemas.listSchemaVersions(REGISTRY, schemaName("sr-json"))).hasSizeBetween(1, 10);
        JsonNode detail = SinkTestSupport.JSON
                .readTree(schemas.describeSchema(REGISTRY, schemaName("sr-avro"), null)
                        .content())
                .at("/components/schemas/KafkaConnectSrAvro");
        assertThat(detail.at("/properties/value/title").asText()).isEqualTo("com.example.orders.Order");
        assertThat(detail.at("/properties/value/required").toString()).contains("orderId", "customer", "amount");
        connect.deleteConnector("sr-avro-sink");
        connect.deleteConnector("sr-json-sink");
    }

    @Test
    void anEvolvedAvroSchemaMakesExactlyOneNewVersionAndARestartNone() throws Exception {
        connect.kafka().createTopic("sr-evolve", 1);
        Map<String, String> config = sink("sr-evolve", "sr-evolve-bus", "OpenApi3");
        config.putAll(GlueAvro.valueConverter(eventBridge.endpoint(), "orders-registry", null));
        connect.configureConnector("sr-evolve-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-evolve-sink", 1, "sink");
        String name = schemaName("sr-evolve");

        produceAvro("sr-evolve", 0, 200, GlueAvro.ORDER);
        await().atMost(TIMEOUT)
                .until(() ->
                        onBus("sr-evolve-bus").size() >= 200 && schemas.describeSchema(REGISTRY, name, null) != null);
        assertThat(schemas.listSchemaVersions(REGISTRY, name)).containsExactly("1");

        produceAvro("sr-evolve", 200, 200, ORDER_V2); // a field added with a default
        await().atMost(TIMEOUT)
                .until(() -> onBus("sr-evolve-bus").size() >= 400
                        && schemas.listSchemaVersions(REGISTRY, name).size() == 2);
        assertThat(schemas.describeSchema(REGISTRY, name, "2").content()).contains("\"channel\"");
        assertThat(schemas.describeSchema(REGISTRY, name, "1").content()).doesNotContain("\"channel\"");
        // each event fits the version in force when it was sent (Glue's converter gives Connect no Avro defaults,
        // so the new field is required in version 2, as every record written with it has it)
        assertEventsValidate("sr-evolve-bus", name, "1", d -> d.path("offset").asLong() < 200);
        assertEventsValidate("sr-evolve-bus", name, "2", d -> d.path("offset").asLong() >= 200);

        connect.restartConnectorAndTasks("sr-evolve-sink", false, true, false);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-evolve-sink", 1, "restarted");
        produceAvro("sr-evolve", 400, 200, ORDER_V2);
        await().atMost(TIMEOUT)
                .until(() -> onBus("sr-evolve-bus").size() >= 600
                        && SinkTestSupport.taskMetric("sr-evolve-sink", "schema-versions-unchanged") >= 1);
        assertThat(SinkTestSupport.taskMetric("sr-evolve-sink", "schema-versions-published"))
                .isZero();
        assertThat(schemas.listSchemaVersions(REGISTRY, name)).containsExactly("1", "2");
        connect.deleteConnector("sr-evolve-sink");
    }

    @Test
    void aRestartedTaskThatReadsOnlyNarrowerRecordsLeavesTheWiderInferredSchemaInForce() throws Exception {
        connect.kafka().createTopic("sr-widen", 1);
        Map<String, String> config = sink("sr-widen", "sr-widen-bus", "JSONSchemaDraft4");
        config.put("event.detail.mode", "value");
        connect.configureConnector("sr-widen-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-widen-sink", 1, "sink");
        String name = schemaName("sr-widen");
        produce(connect, "sr-widen", 0, 100, i -> "{\"n\":" + i + ",\"total\":" + (i + 0.5) + ",\"coupon\":\"X\"}");
        await().atMost(TIMEOUT)
                .until(() -> onBus("sr-widen-bus").size() >= 100
                        && schemas.listSchemaVersions(REGISTRY, name).size() == 1);

        connect.restartConnectorAndTasks("sr-widen-sink", false, true, false);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-widen-sink", 1, "restarted");
        // the restarted task infers from scratch, and sees only integers and no coupon
        produce(connect, "sr-widen", 100, 100, i -> "{\"n\":" + i + ",\"total\":" + i + "}");
        await().atMost(TIMEOUT)
                .until(() -> onBus("sr-widen-bus").size() >= 200
                        && SinkTestSupport.taskMetric("sr-widen-sink", "schema-versions-unchanged") >= 1);
        assertThat(SinkTestSupport.taskMetric("sr-widen-sink", "schema-versions-published"))
                .isZero();
        assertThat(schemas.listSchemaVersions(REGISTRY, name)).containsExactly("1");
        assertEveryEventValidates("sr-widen-bus", name);
        connect.deleteConnector("sr-widen-sink");
    }

    @Test
    void aRegistryThatIsDownHoldsUpNoEventAndGetsTheSchemaOnceBack() throws Exception {
        eventBridge.faults().schemasUnavailable(true);
        connect.kafka().createTopic("sr-down", 1);
        Map<String, String> config = sink("sr-down", "sr-down-bus", "JSONSchemaDraft4");
        config.put("retry.backoff.max.ms", "1000");
        connect.configureConnector("sr-down-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-down-sink", 1, "sink");

        produce(connect, "sr-down", 0, 500, i -> "{\"n\":" + i + ",\"status\":\"Placed\"}");
        await().atMost(TIMEOUT)
                .until(() -> deliveredOffsets(onBus("sr-down-bus"), "sr-down").size() == 500);
        assertThat(onBus("sr-down-bus")).hasSize(500); // 0 lost, none twice
        await().atMost(TIMEOUT).until(() -> SinkTestSupport.taskMetric("sr-down-sink", "schema-publish-failures") >= 2);
        assertThat(SinkTestSupport.taskMetric("sr-down-sink", "schemas-pending"))
                .isEqualTo(1);
        assertThat(eventBridge.schemaVersions(REGISTRY, schemaName("sr-down"))).isEmpty();

        eventBridge.faults().schemasUnavailable(false);
        await().atMost(TIMEOUT)
                .until(() -> eventBridge
                                .schemaVersions(REGISTRY, schemaName("sr-down"))
                                .size()
                        == 1);
        assertEveryEventValidates("sr-down-bus", schemaName("sr-down"));
        assertThat(SinkTestSupport.taskMetric("sr-down-sink", "schemas-pending"))
                .isZero();
        connect.deleteConnector("sr-down-sink");
    }

    @Test
    void classesGeneratedFromTheExportedJsonSchemaReadARealEventFromTheBus(@TempDir Path dir) throws Exception {
        connect.kafka().createTopic("sr-code", 1);
        String queue = stack.sqs().createQueue("sr-code-events");
        eventBridge.createRule(
                "sr-code-bus", "sr-code-rule", "{\"source\":[\"kafka-connect.local-test\"]}", LocalSqs.queueArn(queue));
        Map<String, String> config = sink("sr-code", "sr-code-bus", "OpenApi3");
        config.putAll(GlueAvro.valueConverter(eventBridge.endpoint(), "orders-registry", null));
        connect.configureConnector("sr-code-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("sr-code-sink", 1, "sink");
        produceAvro("sr-code", 0, 10, GlueAvro.ORDER);
        String name = schemaName("sr-code");
        await().atMost(TIMEOUT).until(() -> schemas.describeSchema(REGISTRY, name, null) != null);

        String jsonSchema =
                schemas.exportSchema(REGISTRY, name, null, "JSONSchemaDraft4").content();
        ClassLoader generated = GeneratedCode.fromJsonSchema(jsonSchema, "OrderEvent", "com.example.generated", dir);
        Class<?> eventClass = generated.loadClass("com.example.generated.OrderEvent");

        java.util.Map<Integer, Object> read = new java.util.HashMap<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (Message m : stack.sqs()
                    .client()
                    .receiveMessage(
                            r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                Object event = SinkTestSupport.JSON.readValue(m.body(), eventClass);
                Object orderId = GeneratedCode.get(event, "getDetail", "getValue", "getOrderId");
                read.put(((Number) orderId).intValue(), event);
            }
            assertThat(read).hasSize(10);
        });
        Object third = read.get(3);
        assertThat(GeneratedCode.get(third, "getDetail", "getValue", "getCustomer"))
                .isEqualTo("c-3");
        assertThat(GeneratedCode.get(third, "getDetail", "getValue", "getAmount"))
                .isEqualTo(3.75);
        assertThat(GeneratedCode.get(third, "getDetail", "getKey")).isEqualTo("k3");
        assertThat(GeneratedCode.get(third, "getDetail", "getTopic")).isEqualTo("sr-code");
        assertThat(GeneratedCode.get(third, "getSource")).isEqualTo("kafka-connect.local-test");
        assertThat(GeneratedCode.get(third, "getDetailType")).isEqualTo("kafka-connect-sr-code");
        connect.deleteConnector("sr-code-sink");
    }
}
