package io.eventbridge.kafka.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventMapperTest {
    static final String BUS = "arn:aws:events:us-east-1:123456789012:event-bus/orders";

    static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>();
        p.put("name", "orders-sink");
        p.put("aws.eventbridge.connector.id", "orders");
        p.put("aws.eventbridge.eventbus.arn", BUS);
        p.put("aws.eventbridge.region", "us-east-1");
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    static EventMapper mapper(String... kv) {
        return new EventMapper(new EventBridgeSinkConfig(props(kv)));
    }

    static SinkRecord record(Schema schema, Object value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("traceparent", "Root=1-5759e988-bd862e3fe1be46a994272793");
        headers.addString("tenant", "acme");
        return new SinkRecord(
                "orders",
                3,
                Schema.STRING_SCHEMA,
                "order-1",
                schema,
                value,
                42L,
                1714571100250L,
                TimestampType.CREATE_TIME,
                headers);
    }

    static JsonNode detail(PutEventsRequestEntry entry) throws Exception {
        return JsonRenderer.MAPPER.readTree(entry.detail());
    }

    @Test
    void defaultsToTheAwsSinkEventShape() throws Exception {
        PutEventsRequestEntry entry =
                mapper().map(record(null, Map.of("id", 7))).entry();
        assertThat(entry.eventBusName()).isEqualTo(BUS);
        assertThat(entry.source()).isEqualTo("kafka-connect.orders");
        assertThat(entry.detailType()).isEqualTo("kafka-connect-orders");
        assertThat(entry.time()).isNull();
        JsonNode d = detail(entry);
        assertThat(d.fieldNames())
                .toIterable()
                .containsExactly(
                        "topic", "partition", "offset", "timestamp", "timestampType", "headers", "key", "value");
        assertThat(d.path("partition").asInt()).isEqualTo(3);
        assertThat(d.path("offset").asLong()).isEqualTo(42);
        assertThat(d.path("timestamp").asLong()).isEqualTo(1714571100250L);
        assertThat(d.path("timestampType").asText()).isEqualTo("CreateTime");
        assertThat(d.path("headers").get(1).path("tenant").asText()).isEqualTo("acme");
        assertThat(d.path("key").asText()).isEqualTo("order-1");
        assertThat(d.path("value").path("id").asInt()).isEqualTo(7);
    }

    @Test
    void rendersStructsWithLogicalTypesAndOptionalFields() throws Exception {
        Schema line = SchemaBuilder.struct()
                .field("sku", Schema.STRING_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA)
                .build();
        Schema schema = SchemaBuilder.struct()
                .name("Order")
                .field("amount", Decimal.schema(2))
                .field("placed", Timestamp.SCHEMA)
                .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("at", org.apache.kafka.connect.data.Time.SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("ratio", Schema.FLOAT64_SCHEMA)
                .field("lines", SchemaBuilder.array(line).build())
                .field(
                        "tags",
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA)
                                .build())
                .field("raw", Schema.BYTES_SCHEMA)
                .build();
        Struct value = new Struct(schema)
                .put("amount", new BigDecimal("123.45"))
                .put("placed", Date.from(Instant.parse("2024-05-01T13:45:00.250Z")))
                .put("day", Date.from(Instant.parse("2024-05-01T00:00:00Z")))
                .put("at", new Date(49_500_250L))
                .put("ratio", Double.NaN)
                .put("lines", List.of(new Struct(line).put("sku", "A").put("qty", 2)))
                .put("tags", Map.of("x", 1L))
                .put("raw", new byte[] {1, 2, 3});
        JsonNode v = detail(mapper().map(record(schema, value)).entry()).path("value");
        assertThat(v.path("amount").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(v.path("placed").asText()).isEqualTo("2024-05-01T13:45:00.250Z");
        assertThat(v.path("day").asText()).isEqualTo("2024-05-01");
        assertThat(v.path("at").asText()).isEqualTo("13:45:00.250");
        assertThat(v.path("note").isNull()).isTrue();
        assertThat(v.path("ratio").asText()).isEqualTo("NaN");
        assertThat(v.path("lines").get(0).path("qty").asInt()).isEqualTo(2);
        assertThat(v.path("tags").path("x").asLong()).isEqualTo(1L);
        assertThat(v.path("raw").asText()).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    }

    @Test
    void embedsJsonStringsAndJsonBytesButKeepsPlainText() throws Exception {
        EventMapper m = mapper();
        assertThat(detail(m.map(record(Schema.STRING_SCHEMA, " {\"a\":[1,2]}")).entry())
                        .path("value")
                        .path("a")
                        .get(1)
                        .asInt())
                .isEqualTo(2);
        assertThat(detail(m.map(record(Schema.BYTES_SCHEMA, "{\"b\":true}".getBytes(StandardCharsets.UTF_8)))
                                .entry())
                        .path("value")
                        .path("b")
                        .asBoolean())
                .isTrue();
        assertThat(detail(m.map(record(Schema.STRING_SCHEMA, "{not json")).entry())
                        .path("value")
                        .asText())
                .isEqualTo("{not json");
        assertThat(detail(m.map(record(Schema.STRING_SCHEMA, "hello")).entry())
                        .path("value")
                        .asText())
                .isEqualTo("hello");
    }

    @Test
    void tombstoneKeepsANullValueInTheEnvelopeAndAnEmptyDetailInValueMode() throws Exception {
        assertThat(detail(mapper().map(record(null, null)).entry()).get("value").isNull())
                .isTrue();
        assertThat(mapper("event.detail.mode", "value")
                        .map(record(null, null))
                        .entry()
                        .detail())
                .isEqualTo("{}");
    }

    @Test
    void valueModeSendsTheValueAloneAndWrapsNonObjects() throws Exception {
        assertThat(mapper("event.detail.mode", "value")
                        .map(record(null, Map.of("id", 1)))
                        .entry()
                        .detail())
                .isEqualTo("{\"id\":1}");
        assertThat(mapper("event.detail.mode", "value")
                        .map(record(Schema.INT32_SCHEMA, 5))
                        .entry()
                        .detail())
                .isEqualTo("{\"value\":5}");
    }

    @Test
    void mapsDetailTypeSourceResourcesTimeAndTraceHeaderFromTemplatesPathsAndHeaders() {
        PutEventsRequestEntry entry = mapper(
                        "event.source",
                        "com.acme.${header:tenant}",
                        "event.detail.type",
                        "$.meta.type",
                        "event.resources",
                        "arn:aws:s3:::bucket/${key},$.meta.missing",
                        "aws.eventbridge.eventbus.resources",
                        "arn:aws:sqs:us-east-1:123456789012:q",
                        "event.time",
                        "field",
                        "event.time.field",
                        "$.meta.at",
                        "event.trace.header",
                        "traceparent")
                .map(record(null, Map.of("meta", Map.of("type", "OrderPlaced", "at", "2024-05-01T15:45:00+02:00"))))
                .entry();
        assertThat(entry.source()).isEqualTo("com.acme.acme");
        assertThat(entry.detailType()).isEqualTo("OrderPlaced");
        assertThat(entry.resources())
                .containsExactly("arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:s3:::bucket/order-1");
        assertThat(entry.time()).isEqualTo(Instant.parse("2024-05-01T13:45:00Z"));
        assertThat(entry.traceHeader()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
    }

    @Test
    void timeFromTheKafkaTimestamp() {
        assertThat(mapper("event.time", "kafka-timestamp")
                        .map(record(null, Map.of()))
                        .entry()
                        .time())
                .isEqualTo(Instant.ofEpochMilli(1714571100250L));
    }

    @Test
    void awsDetailTypesListMapsListedTopicsAndDefaultsTheRest() {
        EventMapper m = mapper("aws.eventbridge.detail.types", "orders:com.acme.order.v1, payments:com.acme.pay.v1");
        assertThat(m.map(record(null, Map.of())).entry().detailType()).isEqualTo("com.acme.order.v1");
        SinkRecord other = new SinkRecord("refunds", 0, null, null, null, Map.of(), 1);
        assertThat(m.map(other).entry().detailType()).isEqualTo("kafka-connect-refunds");
        assertThat(mapper("aws.eventbridge.detail.types", "avro-test-${topic}")
                        .map(record(null, Map.of()))
                        .entry()
                        .detailType())
                .isEqualTo("avro-test-orders");
    }

    @Test
    void awsJsonPathDetailTypeMapperFallsBackToTheTopic() {
        EventMapper m = mapper(
                "aws.eventbridge.detail.types.mapper.class",
                "software.amazon.event.kafkaconnector.mapping.JsonPathDetailTypeMapper",
                "aws.eventbridge.detail.types.jsonpathmapper.fieldref",
                "$.metadata.event-type");
        assertThat(m.map(record(null, Map.of("metadata", Map.of("event-type", "customer.order.created"))))
                        .entry()
                        .detailType())
                .isEqualTo("customer.order.created");
        assertThat(m.map(record(null, Map.of("other", 1))).entry().detailType()).isEqualTo("orders");
    }

    @Test
    void aSourceThatResolvesToNothingIsAMappingFailureNotADrop() {
        assertThatThrownBy(() -> mapper("event.source", "${header:missing}").map(record(null, Map.of())))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Source");
    }
}
