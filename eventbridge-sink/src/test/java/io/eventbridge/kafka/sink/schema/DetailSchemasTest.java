package io.eventbridge.kafka.sink.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import io.eventbridge.kafka.schema.json.Validation;
import io.eventbridge.kafka.sink.config.DetailMode;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import io.eventbridge.kafka.sink.mapping.MappedEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
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

/** The Detail schema follows the records, and every Detail the mapper writes validates against it. */
class DetailSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema V1 = SchemaBuilder.struct()
            .name("shop.Order")
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("placed", Timestamp.SCHEMA)
            .field("lines", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .build();
    private static final Schema V2 = SchemaBuilder.struct()
            .name("shop.Order")
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("placed", Timestamp.SCHEMA)
            .field("lines", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .field("coupon", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private final List<DetailSchemas.Described> published = new ArrayList<>();

    private static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of(
                "name",
                "s",
                "aws.eventbridge.connector.id",
                "orders",
                "aws.eventbridge.eventbus.arn",
                "arn:aws:events:us-east-1:123456789012:event-bus/orders",
                "aws.eventbridge.region",
                "us-east-1"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static SinkRecord record(Schema keySchema, Object key, Schema schema, Object value, long offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("tenant", "acme");
        return new SinkRecord(
                "orders", 0, keySchema, key, schema, value, offset, 1714571100250L, TimestampType.CREATE_TIME, headers);
    }

    private static Struct order(Schema schema, String id) {
        Struct s = new Struct(schema)
                .put("id", id)
                .put("amount", new BigDecimal("9.99"))
                .put("placed", new java.util.Date(1714571100250L))
                .put("lines", List.of(1, 2));
        return schema.field("coupon") == null ? s : s.put("coupon", id.length() > 2 ? null : "TEN");
    }

    /** Maps the record, lets the schemas see it, and checks its Detail against the latest published document. */
    private void send(EventMapper mapper, DetailSchemas schemas, SinkRecord record) throws Exception {
        MappedEvent event = mapper.map(record);
        schemas.observe(record, event.view(), event.entry());
        assertThat(published).isNotEmpty();
        JsonNode doc = published.get(published.size() - 1).document();
        ObjectNode wrapped = JSON.createObjectNode()
                .put("version", "0")
                .put("id", "x")
                .put("detail-type", event.entry().detailType())
                .put("source", event.entry().source())
                .put("account", "123456789012")
                .put("time", "2026-01-01T00:00:00Z")
                .put("region", "us-east-1");
        wrapped.putArray("resources");
        wrapped.set("detail", JSON.readTree(event.entry().detail()));
        assertThat(Validation.errors(doc, wrapped)).as(event.entry().detail()).isEmpty();
    }

    @Test
    void envelopeModeWithConnectSchemasPublishesOncePerRealChange() throws Exception {
        EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(props()));
        DetailSchemas schemas = new DetailSchemas(DetailMode.ENVELOPE, SchemaFormat.JSONSCHEMADRAFT4, published::add);
        for (int i = 0; i < 5; i++) {
            send(mapper, schemas, record(Schema.STRING_SCHEMA, "k" + i, V1, order(V1, "o" + i), i));
        }
        assertThat(published).hasSize(1);
        assertThat(published.get(0).schemaName()).isEqualTo("kafka-connect.orders@kafka-connect-orders");
        JsonNode detail = published.get(0).document().at("/definitions/KafkaConnectOrders");
        assertThat(detail.at("/properties/value/title").asText()).isEqualTo("shop.Order");
        assertThat(detail.at("/properties/key/type").toString()).contains("string"); // inferred: a JSON string
        for (int i = 5; i < 10; i++) {
            send(mapper, schemas, record(Schema.STRING_SCHEMA, "k" + i, V2, order(V2, "o" + i), i));
        }
        assertThat(published).hasSize(2);
        assertThat(published
                        .get(1)
                        .document()
                        .at("/definitions/KafkaConnectOrders/properties/value/properties")
                        .has("coupon"))
                .isTrue();
    }

    @Test
    void schemalessJsonIsInferredAndWidensAsRecordsArrive() throws Exception {
        EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(
                props("event.detail.mode", "value", "aws.eventbridge.detail.types", "order-${topic}")));
        DetailSchemas schemas = new DetailSchemas(DetailMode.VALUE, SchemaFormat.OPENAPI3, published::add);
        send(mapper, schemas, record(null, null, null, Map.of("id", "a", "qty", 1), 0));
        send(mapper, schemas, record(null, null, null, Map.of("id", "b", "qty", 2), 1));
        assertThat(published).hasSize(1);
        send(mapper, schemas, record(null, null, null, Map.of("id", "c", "qty", 3, "gift", true), 2));
        assertThat(published).hasSize(2);
        send(mapper, schemas, record(null, null, null, Map.of("id", "d", "qty", "many"), 3));
        assertThat(published).hasSize(3);
        JsonNode doc = published.get(2).document();
        assertThat(Validation.openApiMessages(doc)).isEmpty();
        assertThat(doc.at("/components/schemas/AWSEvent/x-amazon-events-detail-type")
                        .asText())
                .isEqualTo("order-orders");
    }

    @Test
    void aStringValueHoldingJsonIsDescribedByItsJsonNotAsAString() throws Exception {
        EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(props("event.detail.mode", "value")));
        DetailSchemas schemas = new DetailSchemas(DetailMode.VALUE, SchemaFormat.JSONSCHEMADRAFT4, published::add);
        send(mapper, schemas, record(null, null, Schema.STRING_SCHEMA, "{\"id\":\"a\",\"n\":[1,2]}", 0));
        JsonNode detail = published.get(0).document().at("/definitions/KafkaConnectOrders");
        assertThat(detail.at("/properties/n/type").toString()).contains("array");
    }

    @Test
    void aPrimitiveValueIsDescribedInsideTheValueWrapper() throws Exception {
        EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(props("event.detail.mode", "value")));
        DetailSchemas schemas = new DetailSchemas(DetailMode.VALUE, SchemaFormat.JSONSCHEMADRAFT4, published::add);
        send(mapper, schemas, record(null, null, Schema.INT64_SCHEMA, 42L, 0));
        JsonNode detail = published.get(0).document().at("/definitions/KafkaConnectOrders");
        assertThat(detail.at("/properties/value/type").asText()).isEqualTo("integer");
    }

    @Test
    void eachSourceAndDetailTypeHasASchemaOfItsOwn() throws Exception {
        EventMapper mapper =
                new EventMapper(new EventBridgeSinkConfig(props("aws.eventbridge.detail.types", "type-${key}")));
        DetailSchemas schemas = new DetailSchemas(DetailMode.ENVELOPE, SchemaFormat.OPENAPI3, published::add);
        send(mapper, schemas, record(Schema.STRING_SCHEMA, "a", V1, order(V1, "o1"), 0));
        send(mapper, schemas, record(Schema.STRING_SCHEMA, "b", V1, order(V1, "o2"), 1));
        send(mapper, schemas, record(Schema.STRING_SCHEMA, "a", V1, order(V1, "o3"), 2));
        assertThat(published)
                .extracting(DetailSchemas.Described::schemaName)
                .containsExactly("kafka-connect.orders@type-a", "kafka-connect.orders@type-b");
    }

    private static ObjectNode event(MappedEvent event) throws Exception {
        ObjectNode wrapped = JSON.createObjectNode()
                .put("version", "0")
                .put("id", "x")
                .put("detail-type", event.entry().detailType())
                .put("source", event.entry().source())
                .put("account", "123456789012")
                .put("time", "2026-01-01T00:00:00Z")
                .put("region", "us-east-1");
        wrapped.putArray("resources");
        wrapped.set("detail", JSON.readTree(event.entry().detail()));
        return wrapped;
    }

    @Test
    void aRestartedTaskThatSeesOnlyNarrowerRecordsWidensTheRegistrysSchemaInsteadOfReplacingIt() throws Exception {
        for (SchemaFormat format : SchemaFormat.values()) {
            EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(props("event.detail.mode", "value")));
            List<DetailSchemas.Described> before = new ArrayList<>();
            DetailSchemas first = new DetailSchemas(DetailMode.VALUE, format, before::add);
            List<MappedEvent> sent = new ArrayList<>();
            List<Map<String, Object>> values = List.of(
                    Map.of("id", "a", "total", 1.5, "coupon", "X"),
                    Map.of("id", "b", "total", 10_000_000_000L, "ship", Map.of("city", "Oslo")));
            for (int i = 0; i < values.size(); i++) {
                SinkRecord r = record(null, null, null, values.get(i), i);
                MappedEvent e = mapper.map(r);
                first.observe(r, e.view(), e.entry());
                sent.add(e);
            }
            JsonNode registryLatest = before.get(before.size() - 1).document();

            List<DetailSchemas.Described> after = new ArrayList<>();
            DetailSchemas restarted = new DetailSchemas(DetailMode.VALUE, format, after::add);
            SinkRecord narrow = record(null, null, null, Map.of("id", "c", "total", 3), 2);
            MappedEvent e = mapper.map(narrow);
            restarted.observe(narrow, e.view(), e.entry());
            sent.add(e);
            DetailSchemas.Described offered = after.get(0);
            assertThat(offered.document()).isNotEqualTo(registryLatest); // alone, it would narrow total to integer
            JsonNode widened = offered.widening().over(registryLatest);
            assertThat(widened).as(format.name()).isEqualTo(registryLatest); // so nothing new is published

            // a record the registry's version did not hold: the widened document holds both, and every event fits
            SinkRecord more = record(null, null, null, Map.of("id", "d", "total", 4, "gift", true), 3);
            MappedEvent m = mapper.map(more);
            restarted.observe(more, m.view(), m.entry());
            sent.add(m);
            JsonNode next = after.get(after.size() - 1).widening().over(registryLatest);
            String detail = "/" + (format == SchemaFormat.OPENAPI3 ? "components/schemas" : "definitions")
                    + "/KafkaConnectOrders/properties";
            assertThat(next.at(detail).has("gift")).isTrue();
            assertThat(next.at(detail).has("ship")).isTrue();
            JsonNode draft4 = format == SchemaFormat.OPENAPI3 ? null : next;
            if (draft4 != null) {
                for (MappedEvent each : sent) {
                    assertThat(Validation.errors(draft4, event(each)))
                            .as(each.entry().detail())
                            .isEmpty();
                }
            } else {
                assertThat(Validation.openApiMessages(next)).isEmpty();
                assertThat(next.at(detail + "/total/type").asText()).isEqualTo("number");
            }
        }
    }

    @Test
    void aPartWithAConnectSchemaIsExactOverTheRegistrysLatest() throws Exception {
        EventMapper mapper = new EventMapper(new EventBridgeSinkConfig(props()));
        DetailSchemas schemas = new DetailSchemas(DetailMode.ENVELOPE, SchemaFormat.JSONSCHEMADRAFT4, published::add);
        send(mapper, schemas, record(Schema.STRING_SCHEMA, "k", V2, order(V2, "o1"), 0));
        JsonNode withCoupon = published.get(0).document();
        DetailSchemas other = new DetailSchemas(DetailMode.ENVELOPE, SchemaFormat.JSONSCHEMADRAFT4, published::add);
        send(mapper, other, record(Schema.STRING_SCHEMA, "k", V1, order(V1, "o2"), 1));
        JsonNode over = published.get(1).widening().over(withCoupon);
        // the value's schema is the record's own (V1, no coupon); the schemaless key is widened
        assertThat(over.at("/definitions/KafkaConnectOrders/properties/value/properties")
                        .has("coupon"))
                .isFalse();
        assertThat(over).isEqualTo(published.get(1).document());
    }
}
