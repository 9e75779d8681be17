package io.eventbridge.kafka.cloudevents;

import static io.eventbridge.kafka.cloudevents.Converters.converter;
import static io.eventbridge.kafka.cloudevents.Converters.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The Kafka protocol binding's rules, checked on the bytes and headers the converter writes. */
class KafkaBindingConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Struct event(Schema schema, Object data, String contentType) {
        return new Struct(schema)
                .put(CloudEventSchema.SPECVERSION, "1.0")
                .put(CloudEventSchema.ID, "order-1")
                .put(CloudEventSchema.SOURCE, "/shop/orders")
                .put(CloudEventSchema.TYPE, "com.example.order.created")
                .put(CloudEventSchema.DATACONTENTTYPE, contentType)
                .put(CloudEventSchema.SUBJECT, "orders/1")
                .put(CloudEventSchema.TIME, "2026-11-23T10:15:30.123Z")
                .put(CloudEventSchema.EXTENSIONS, Map.of("traceparent", "00-abc-def-01", "partitionkey", "customer-7"))
                .put(CloudEventSchema.DATA, data);
    }

    @Test
    void binaryModePutsAttributesInCePrefixedUtf8HeadersAndTheDataInTheValue() {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = converter("encoding", "binary")
                .fromConnectData(
                        "orders",
                        headers,
                        CloudEventSchema.WITH_STRING_DATA,
                        event(CloudEventSchema.WITH_STRING_DATA, "{\"total\":12.5}", "application/json"));

        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("{\"total\":12.5}");
        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_id")).isEqualTo("order-1");
        assertThat(header(headers, "ce_source")).isEqualTo("/shop/orders");
        assertThat(header(headers, "ce_type")).isEqualTo("com.example.order.created");
        assertThat(header(headers, "ce_subject")).isEqualTo("orders/1");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(header(headers, "ce_traceparent")).isEqualTo("00-abc-def-01");
        // datacontenttype travels as content-type, never as a ce_ header
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(headers.lastHeader("ce_datacontenttype")).isNull();
        for (Header h : headers) {
            assertThat(h.key()).matches("ce_[a-z0-9]+|content-type");
        }
    }

    @Test
    void binaryEventWithoutDataIsATombstone() {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = converter("encoding", "binary")
                .fromConnectData(
                        "orders",
                        headers,
                        CloudEventSchema.WITH_BYTES_DATA,
                        event(CloudEventSchema.WITH_BYTES_DATA, null, null));

        assertThat(value).isNull();
        assertThat(header(headers, "ce_id")).isEqualTo("order-1");

        SchemaAndValue back = converter().toConnectData("orders", headers, null);
        Struct struct = (Struct) back.value();
        assertThat(struct.getString(CloudEventSchema.ID)).isEqualTo("order-1");
        assertThat(struct.get(CloudEventSchema.DATA)).isNull();
    }

    @Test
    void structuredModeWritesTheJsonFormatWithItsContentTypeAndJsonDataInline() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = converter("encoding", "structured")
                .fromConnectData(
                        "orders",
                        headers,
                        CloudEventSchema.WITH_STRING_DATA,
                        event(CloudEventSchema.WITH_STRING_DATA, "{\"total\":12.5}", "application/json"));

        assertThat(header(headers, "content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(headers.lastHeader("ce_id")).isNull();
        JsonNode json = JSON.readTree(value);
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo("order-1");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("traceparent").asText()).isEqualTo("00-abc-def-01");
        assertThat(json.get("data").get("total").asDouble()).isEqualTo(12.5);
        assertThat(json.has("data_base64")).isFalse();
    }

    @Test
    void structuredModeWritesBinaryDataAsDataBase64() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0xff};
        RecordHeaders headers = new RecordHeaders();
        byte[] value = converter("encoding", "structured")
                .fromConnectData(
                        "orders",
                        headers,
                        CloudEventSchema.WITH_BYTES_DATA,
                        event(CloudEventSchema.WITH_BYTES_DATA, payload, null));

        JsonNode json = JSON.readTree(value);
        assertThat(json.has("data")).isFalse();
        assertThat(Base64.getDecoder().decode(json.get("data_base64").asText())).isEqualTo(payload);
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/octet-stream");

        Struct back =
                (Struct) converter().toConnectData("orders", headers, value).value();
        assertThat(back.getBytes(CloudEventSchema.DATA)).isEqualTo(payload);
    }

    @Test
    void readingDetectsTheModeOfEachRecord() {
        CloudEventsConverter reader = converter();
        for (String encoding : new String[] {"binary", "structured"}) {
            RecordHeaders headers = new RecordHeaders();
            Struct written = event(CloudEventSchema.WITH_STRING_DATA, "{\"total\":12.5}", "application/json");
            byte[] value = converter("encoding", encoding)
                    .fromConnectData("orders", headers, CloudEventSchema.WITH_STRING_DATA, written);

            SchemaAndValue read = reader.toConnectData("orders", headers, value);
            assertThat(read.schema()).as(encoding).isEqualTo(CloudEventSchema.WITH_STRING_DATA);
            assertThat(read.value()).as(encoding).isEqualTo(written);
        }
    }

    @Test
    void aNullValueWithoutCloudEventHeadersStaysNullBothWays() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(converter().fromConnectData("orders", headers, null, null)).isNull();
        assertThat(headers.toArray()).isEmpty();
        assertThat(converter().toConnectData("orders", new RecordHeaders(), null))
                .isEqualTo(SchemaAndValue.NULL);
    }
}
