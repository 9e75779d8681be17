package io.eventbridge.kafka.it.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryKafkaDeserializer;
import com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants;
import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.CloudEventsConverter;
import io.eventbridge.kafka.cloudevents.RandomConnect;
import io.eventbridge.kafka.it.local.GlueSchemaRegistryApi;
import io.eventbridge.kafka.it.local.LocalEndpointTest;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * data.format=avro against the local Glue Schema Registry endpoint, through Glue's own serde and the real
 * AWS SDK: registration, dataschema, schema evolution, and byte-level interop with Glue's deserializer.
 */
class CloudEventsGlueAvroIT extends LocalEndpointTest {

    private static final Schema ORDER_V1 = SchemaBuilder.struct()
            .name("com.example.Order")
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("placedAt", Timestamp.SCHEMA)
            .field(
                    "lines",
                    SchemaBuilder.array(SchemaBuilder.struct()
                                    .name("com.example.Line")
                                    .field("sku", Schema.STRING_SCHEMA)
                                    .field("qty", Schema.INT16_SCHEMA)
                                    .build())
                            .build())
            .build();
    private static final Schema ORDER_V2 = SchemaBuilder.struct()
            .name("com.example.Order")
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("placedAt", Timestamp.SCHEMA)
            .field("lines", ORDER_V1.field("lines").schema())
            .field("coupon", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static Map<String, String> glue(String... more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "data.format",
                "avro",
                "glue.region",
                LocalEventBridge.REGION,
                "glue.endpoint.uri",
                local.endpoint(),
                "glue.access.key.id",
                LocalEventBridge.ACCESS_KEY,
                "glue.secret.access.key",
                LocalEventBridge.SECRET_KEY,
                "glue.registry.name",
                "orders-registry",
                "glue.auto.registration",
                "true"));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private static CloudEventsConverter converter(Map<String, String> config) {
        CloudEventsConverter converter = new CloudEventsConverter();
        converter.configure(config, false);
        return converter;
    }

    private static Struct order(Schema schema, String id) {
        Struct line = new Struct(ORDER_V1.field("lines").schema().valueSchema())
                .put("sku", "SKU-1")
                .put("qty", (short) 3);
        Struct order = new Struct(schema)
                .put("id", id)
                .put("amount", new BigDecimal("12.34"))
                .put("placedAt", new java.util.Date(1_763_900_000_000L))
                .put("lines", List.of(line));
        if (schema.field("coupon") != null) {
            order.put("coupon", "WINTER");
        }
        return order;
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void avroDataIsRegisteredNamedByDataschemaAndReadBackTyped(String encoding) {
        CloudEventsConverter writer = converter(glue("encoding", encoding));
        CloudEventsConverter reader = converter(glue());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = writer.fromConnectData("orders", headers, ORDER_V1, order(ORDER_V1, "o-1"));

        Struct event = (Struct) reader.toConnectData("orders", headers, value).value();
        assertThat(event.getString(CloudEventSchema.DATACONTENTTYPE)).isEqualTo("application/avro");
        assertThat(event.get(CloudEventSchema.DATA)).isEqualTo(order(ORDER_V1, "o-1"));
        List<GlueSchemaRegistryApi.Version> versions = local.glueSchemaVersions();
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).schemaKey()).isEqualTo("orders-registry/orders");
        assertThat(event.getString(CloudEventSchema.DATASCHEMA))
                .isEqualTo("urn:aws:glue:schema-version:" + versions.get(0).id());
    }

    @Test
    void anEvolvedSchemaRegistersASecondVersionAndOldDataStillReads() {
        CloudEventsConverter writer = converter(glue());
        CloudEventsConverter reader = converter(glue());
        RecordHeaders h1 = new RecordHeaders();
        byte[] v1 = writer.fromConnectData("orders", h1, ORDER_V1, order(ORDER_V1, "o-1"));
        RecordHeaders h2 = new RecordHeaders();
        byte[] v2 = writer.fromConnectData("orders", h2, ORDER_V2, order(ORDER_V2, "o-2"));

        assertThat(local.glueSchemaVersions())
                .extracting(GlueSchemaRegistryApi.Version::number)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(((Struct) reader.toConnectData("orders", h1, v1).value()).get("data"))
                .isEqualTo(order(ORDER_V1, "o-1"));
        assertThat(((Struct) reader.toConnectData("orders", h2, v2).value()).get("data"))
                .isEqualTo(order(ORDER_V2, "o-2"));
    }

    @Test
    void withoutAutoRegistrationAnUnknownSchemaFailsNamingIt() {
        CloudEventsConverter writer = converter(glue("glue.auto.registration", "false"));
        assertThatThrownBy(() -> writer.fromConnectData("orders", new RecordHeaders(), ORDER_V1, order(ORDER_V1, "o")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("schema 'orders'")
                .hasMessageContaining("orders");
        assertThat(local.glueSchemaVersions()).isEmpty();
    }

    @Test
    void gluesOwnDeserializerReadsTheDataTheConverterWrites() {
        RecordHeaders headers = new RecordHeaders();
        byte[] data = converter(glue("encoding", "binary"))
                .fromConnectData("orders", headers, ORDER_V1, order(ORDER_V1, "o-7"));

        Map<String, Object> glueConfig = new HashMap<>();
        glueConfig.put(AWSSchemaRegistryConstants.AWS_REGION, LocalEventBridge.REGION);
        glueConfig.put(AWSSchemaRegistryConstants.AWS_ENDPOINT, local.endpoint());
        glueConfig.put(AWSSchemaRegistryConstants.AVRO_RECORD_TYPE, "GENERIC_RECORD");
        try (GlueSchemaRegistryKafkaDeserializer deserializer = new GlueSchemaRegistryKafkaDeserializer(
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)),
                glueConfig)) {
            GenericRecord record = (GenericRecord) deserializer.deserialize("orders", data);
            assertThat(record.get("id").toString()).isEqualTo("o-7");
            assertThat(((GenericRecord) ((List<?>) record.get("lines")).get(0))
                            .get("sku")
                            .toString())
                    .isEqualTo("SKU-1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void randomSchemasAndValuesRoundTripThroughTheRegistry(String encoding) {
        CloudEventsConverter writer = converter(glue("encoding", encoding, "glue.compatibility", "NONE"));
        CloudEventsConverter reader = converter(glue());
        Random seeds = new Random(encoding.hashCode());
        for (int i = 0; i < 30; i++) {
            RandomConnect gen = new RandomConnect(seeds.nextLong());
            Schema schema = gen.struct(3);
            Object value = gen.value(schema);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = writer.fromConnectData("random", headers, schema, value);
            assertThat(((Struct) reader.toConnectData("random", headers, bytes).value()).get("data"))
                    .as("case %d", i)
                    .isEqualTo(value);
        }
    }
}
