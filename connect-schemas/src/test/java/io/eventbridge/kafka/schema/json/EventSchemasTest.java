package io.eventbridge.kafka.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import org.junit.jupiter.api.Test;

class EventSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode event(JsonNode detail) {
        ObjectNode e = JSON.createObjectNode()
                .put("version", "0")
                .put("id", "6a7e8feb")
                .put("detail-type", "order placed")
                .put("source", "shop.orders")
                .put("account", "123456789012")
                .put("time", "2026-12-03T10:00:00Z")
                .put("region", "us-east-1");
        e.putArray("resources").add("arn:aws:shop:::order/1");
        e.set("detail", detail);
        return e;
    }

    @Test
    void openApiDocumentsHaveEventBridgesLayoutAndParseCleanly() {
        ObjectNode doc = EventSchemas.document(
                SchemaFormat.OPENAPI3,
                "shop.orders",
                "order placed",
                d -> JsonSchemas.of(JsonSchemasTest.everything(), d));
        assertThat(Validation.openApiMessages(doc)).isEmpty();
        JsonNode envelope = doc.at("/components/schemas/AWSEvent");
        assertThat(envelope.get("x-amazon-events-source").asText()).isEqualTo("shop.orders");
        assertThat(envelope.get("x-amazon-events-detail-type").asText()).isEqualTo("order placed");
        assertThat(envelope.at("/properties/detail/$ref").asText()).isEqualTo("#/components/schemas/OrderPlaced");
        assertThat(doc.at("/components/schemas/OrderPlaced/title").asText()).isEqualTo("io.example.Order");
    }

    @Test
    void draft4DocumentsValidateWholeEvents() {
        ObjectNode doc = EventSchemas.document(
                SchemaFormat.JSONSCHEMADRAFT4,
                "shop.orders",
                "order placed",
                d -> JsonSchemas.of(JsonSchemasTest.everything(), d));
        assertThat(doc.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        JsonNode detail = JsonRenderer.render(JsonSchemasTest.everything(), JsonSchemasTest.everythingValue(false));
        assertThat(Validation.errors(doc, event(detail))).isEmpty();
        ObjectNode broken = event(detail);
        ((ObjectNode) broken.get("detail")).remove("i64");
        assertThat(Validation.errors(doc, broken)).isNotEmpty();
        broken = event(detail);
        broken.remove("source");
        assertThat(Validation.errors(doc, broken)).isNotEmpty();
    }

    @Test
    void namesFollowEventBridgesDiscoveredSchemas() {
        assertThat(EventSchemas.schemaName("kafka-connect.orders", "kafka-connect-orders"))
                .isEqualTo("kafka-connect.orders@kafka-connect-orders");
        assertThat(EventSchemas.schemaName("my app", "Order/Placed")).isEqualTo("my_app@Order_Placed");
        assertThat(EventSchemas.schemaName("s", "x".repeat(500))).hasSize(EventSchemas.MAX_SCHEMA_NAME);
        assertThat(EventSchemas.detailName("order placed")).isEqualTo("OrderPlaced");
        assertThat(EventSchemas.detailName("kafka-connect-orders")).isEqualTo("KafkaConnectOrders");
        assertThat(EventSchemas.detailName("42")).isEqualTo("Detail42");
        assertThat(EventSchemas.detailName("AWSEvent")).isEqualTo("AWSEventDetail");
        assertThat(EventSchemas.detailName("")).isEqualTo("Detail");
    }
}
