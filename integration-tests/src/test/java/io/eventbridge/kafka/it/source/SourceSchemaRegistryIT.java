package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.GlueAvro;
import io.eventbridge.kafka.it.local.GlueSchemaRegistryApi;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.schema.GeneratedCode;
import io.eventbridge.kafka.schema.json.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source makes what it infers visible: with schema.mode=infer and schema.registry.publish, each widening of a
 * detail-type's schema is a new version in an EventBridge schema registry, against which every event on the bus
 * validates; and the schema export command writes .avsc from Glue and from the connector's offsets, and JSON Schema
 * from the EventBridge registry, from which Avro's compiler and jsonschema2pojo generate classes that compile and
 * read a real record from Kafka and a real event from the bus.
 */
class SourceSchemaRegistryIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GLUE_REGISTRY = "source-registry";
    private static final String GLUE_SCHEMA = "placed-value";
    private static final String REGISTRY = "bus-events";
    private static final String SCHEMA = "com.example.orders@Order_Placed";
    private static final int PER_PHASE = 20;

    /** bin/eventbridge-schemas of the source's archive, as a user runs it. */
    private static String cli(String... args) throws Exception {
        ArchiveCommand.Run run = ArchiveCommand.run("eventbridge-schemas", args);
        assertThat(run.exit()).as(run.out()).isZero();
        return run.out();
    }

    @Test
    void inferredSchemasArePublishedVersionedAndExportedForCodeGeneration(@TempDir Path dir) throws Exception {
        String queue = stack.sqs().createQueue("placed");
        connect.kafka().createTopic("placed", 1);
        Map<String, String> config = stack.sourceConfig("placed", queue);
        config.put("value.mode", "detail");
        config.put("schema.mode", "infer");
        config.putAll(GlueAvro.valueConverter(eventBridge.endpoint(), GLUE_REGISTRY, GLUE_SCHEMA));
        config.put("schema.registry.publish", "true");
        config.put("schema.registry.name", REGISTRY);
        config.put("schema.registry.format", "OpenApi3");
        config.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        connect.configureConnector("placed-source", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("placed-source", 1, "source");

        List<IntFunction<String>> phases = List.of(
                i -> "{\"orderId\":" + i + ",\"customer\":\"c-" + i + "\",\"total\":" + (i + 0.5) + "}",
                i -> "{\"orderId\":" + i + ",\"customer\":\"c-" + i + "\",\"total\":" + i + ",\"coupon\":\"SAVE\"}",
                i -> "{\"orderId\":" + (10_000_000_000L + i) + ",\"customer\":\"c-" + i + "\",\"total\":1.5,"
                        + "\"lines\":[{\"sku\":\"s-" + i + "\",\"qty\":" + i + "}]}");
        List<String> bodies = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        AwsClientFactory aws = new AwsClientFactory(new AwsClientSettings(
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
        SchemasClient schemas = new SignedSchemasClient(aws, eventBridge.endpoint());
        for (int p = 0; p < phases.size(); p++) {
            List<String> phase = new ArrayList<>();
            for (int i = 0; i < PER_PHASE; i++) {
                phase.add(EventBridgeSourceIT.envelope(
                        "p" + p + "-" + i,
                        "com.example.orders",
                        "Order Placed",
                        phases.get(p).apply(i)));
            }
            bodies.addAll(phase);
            stack.sqs().send(queue, phase, null);
            int expected = (p + 1) * PER_PHASE;
            await().atMost(TIMEOUT).untilAsserted(() -> {
                records.clear();
                connect.kafka().consumeAll(10_000, "placed").forEach(records::add);
                assertThat(records).hasSize(expected);
            });
            // each phase widens the schema: one more EventBridge version (waited for, so none is coalesced away)
            int versions = p + 1;
            await().atMost(TIMEOUT)
                    .until(() -> schemas.describeSchema(REGISTRY, SCHEMA, null) != null
                            && schemas.listSchemaVersions(REGISTRY, SCHEMA).size() == versions);
        }

        // every event on the bus fits the latest version
        try (aws;
                schemas) {
            assertThat(schemas.listSchemaVersions(REGISTRY, SCHEMA)).containsExactly("1", "2", "3");
            SchemasClient.SchemaVersion latest = schemas.describeSchema(REGISTRY, SCHEMA, null);
            assertThat(Validation.openApiMessages(JSON.readTree(latest.content())))
                    .isEmpty();
            assertThat(JSON.readTree(latest.content())
                            .at("/components/schemas/AWSEvent/x-amazon-events-source")
                            .asText())
                    .isEqualTo("com.example.orders");
            JsonNode draft4 = JSON.readTree(schemas.exportSchema(REGISTRY, SCHEMA, null, "JSONSchemaDraft4")
                    .content());
            for (String body : bodies) {
                assertThat(Validation.errors(draft4, JSON.readTree(body)))
                        .as(body)
                        .isEmpty();
            }
        }

        // the export command, from all three places
        Path configFile = dir.resolve("placed-source.properties");
        Properties props = new Properties();
        props.putAll(config);
        props.put("name", "placed-source");
        try (var w = Files.newBufferedWriter(configFile)) {
            props.store(w, null);
        }
        String connectUrl = connect.endpointForResource("connectors").replaceAll("/connectors$", "");
        assertThat(cli(
                        "export",
                        "--from",
                        "glue",
                        "--format",
                        "avsc",
                        "--config",
                        configFile.toString(),
                        "--out",
                        dir.resolve("glue").toString()))
                .contains(GLUE_SCHEMA + ".avsc");
        assertThat(cli(
                        "export",
                        "--from",
                        "offsets",
                        "--format",
                        "avsc",
                        "--connect-url",
                        connectUrl,
                        "--connector",
                        "placed-source",
                        "--out",
                        dir.resolve("offsets").toString()))
                .contains("Order_Placed.avsc");
        assertThat(cli(
                        "export",
                        "--from",
                        "eventbridge",
                        "--format",
                        "jsonschema",
                        "--config",
                        configFile.toString(),
                        "--out",
                        dir.resolve("eventbridge").toString()))
                .contains(SCHEMA + ".schema.json");

        // Avro's compiler on Glue's .avsc: the class reads a record from Kafka as Glue's converter wrote it
        String glueAvsc = Files.readString(dir.resolve("glue").resolve(GLUE_SCHEMA + ".avsc"));
        Schema writer = new Schema.Parser().parse(glueAvsc);
        ClassLoader avroClasses = GeneratedCode.fromAvsc(glueAvsc, dir.resolve("avro-glue"));
        Class<?> recordClass = avroClasses.loadClass(writer.getFullName());
        Schema reader = (Schema) recordClass.getField("SCHEMA$").get(null);
        // a record Glue's converter wrote with the latest version (the header names it: version byte, compression
        // byte, the version's UUID)
        String latestId = eventBridge.glueSchemaVersions().stream()
                .filter(v -> v.schemaKey().equals(GLUE_REGISTRY + "/" + GLUE_SCHEMA))
                .max(java.util.Comparator.comparingInt(GlueSchemaRegistryApi.Version::number))
                .orElseThrow()
                .id();
        byte[] value = records.stream()
                .map(ConsumerRecord::value)
                .filter(v -> {
                    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(v, 2, 16);
                    return new java.util.UUID(header.getLong(), header.getLong())
                            .toString()
                            .equals(latestId);
                })
                .findFirst()
                .orElseThrow();
        assertThat(value[1]).as("Glue's header says: not compressed").isZero();
        SpecificDatumReader<Object> datumReader =
                new SpecificDatumReader<>(writer, reader, new org.apache.avro.specific.SpecificData(avroClasses));
        // Avro 1.12 reads only into classes it trusts; an application trusts its own generated package
        var trusted = ClassSecurityValidator.getGlobal();
        Object last;
        try {
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(trusted, c -> c.getClassLoader() == avroClasses));
            last = datumReader.read(null, DecoderFactory.get().binaryDecoder(value, 18, value.length - 18, null));
        } finally {
            ClassSecurityValidator.setGlobal(trusted);
        }
        assertThat(last).isInstanceOf(recordClass);
        int n = Integer.parseInt(
                GeneratedCode.get(last, "getCustomer").toString().substring(2));
        assertThat(GeneratedCode.get(last, "getOrderId")).isEqualTo(10_000_000_000L + n); // a phase-3 event
        assertThat(((java.util.List<?>) GeneratedCode.get(last, "getLines"))).hasSize(1);

        // the offsets' .avsc is the schema the task continues from: it compiles too, with every field
        String offsetsAvsc = Files.readString(dir.resolve("offsets").resolve("Order_Placed.avsc"));
        assertThat(new Schema.Parser().parse(offsetsAvsc).getFields())
                .extracting(Schema.Field::name)
                .containsExactly("orderId", "customer", "total", "coupon", "lines");
        GeneratedCode.fromAvsc(offsetsAvsc, dir.resolve("avro-offsets"));

        // jsonschema2pojo on the registry's JSON Schema: the classes read an event as it was on the bus
        String jsonSchema = Files.readString(dir.resolve("eventbridge").resolve(SCHEMA + ".schema.json"));
        ClassLoader jsonClasses =
                GeneratedCode.fromJsonSchema(jsonSchema, "PlacedEvent", "com.example.bus", dir.resolve("json"));
        Object event =
                JSON.readValue(bodies.get(2 * PER_PHASE + 3), jsonClasses.loadClass("com.example.bus.PlacedEvent"));
        assertThat(GeneratedCode.get(event, "getDetail", "getOrderId")).isEqualTo(10_000_000_003L);
        assertThat(GeneratedCode.get(event, "getDetail", "getCustomer")).isEqualTo("c-3");
        assertThat(GeneratedCode.get(event, "getSource")).isEqualTo("com.example.orders");
        connect.deleteConnector("placed-source");
    }
}
