package io.eventbridge.kafka.cloudevents;

import static io.eventbridge.kafka.cloudevents.Converters.converter;
import static io.eventbridge.kafka.cloudevents.Converters.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Records that are not CloudEvents yet get their attributes from the ce.* settings. */
class RecordsToCloudEventsTest {
    private static final Schema ORDER = SchemaBuilder.struct()
            .name("com.example.Order")
            .field("orderId", Schema.STRING_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .field("createdAt", Schema.STRING_SCHEMA)
            .build();

    private static Struct order() {
        return new Struct(ORDER).put("orderId", "o-9").put("kind", "created").put("createdAt", "2026-11-20T12:00:00Z");
    }

    @Test
    void defaultsGiveAUuidIdATopicSourceAndTypeAndTheCurrentTime() {
        RecordHeaders headers = new RecordHeaders();
        Instant before = Instant.now();
        byte[] value = converter().fromConnectData("orders", headers, ORDER, order());

        assertThat(header(headers, "ce_id")).matches("[0-9a-f-]{36}");
        assertThat(header(headers, "ce_source")).isEqualTo("/kafka/orders");
        assertThat(header(headers, "ce_type")).isEqualTo("orders");
        assertThat(OffsetDateTime.parse(header(headers, "ce_time")).toInstant())
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-9\",\"kind\":\"created\",\"createdAt\":\"2026-11-20T12:00:00Z\"}");
    }

    @Test
    void attributesComeFromFieldsHeadersTemplatesAndTheSchemaName() {
        CloudEventsConverter converter = converter(
                "ce.id", "${json:$.orderId}",
                "ce.source", "https://shop.example.com/${topic}",
                "ce.type", "${schema.name}.${json:$.kind}",
                "ce.subject", "order/${json:$.orderId}",
                "ce.time", "${json:$.createdAt}",
                "ce.extensions.headers", "traceparent,X-Tenant=tenant");
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-1-2-01".getBytes(StandardCharsets.UTF_8));
        headers.add("X-Tenant", "acme".getBytes(StandardCharsets.UTF_8));

        converter.fromConnectData("orders", headers, ORDER, order());

        assertThat(header(headers, "ce_id")).isEqualTo("o-9");
        assertThat(header(headers, "ce_source")).isEqualTo("https://shop.example.com/orders");
        assertThat(header(headers, "ce_type")).isEqualTo("com.example.Order.created");
        assertThat(header(headers, "ce_subject")).isEqualTo("order/o-9");
        assertThat(header(headers, "ce_time")).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(header(headers, "ce_traceparent")).isEqualTo("00-1-2-01");
        assertThat(header(headers, "ce_tenant")).isEqualTo("acme");
    }

    @Test
    void timeFromEpochMillisAndIdFromAHeader() {
        CloudEventsConverter converter = converter(
                "ce.id",
                "${header:event-id}",
                "ce.time",
                "${json:$.ts}",
                "encoding",
                "structured",
                "data.format",
                "json");
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", "h-1".getBytes(StandardCharsets.UTF_8));
        byte[] value = converter.fromConnectData("metrics", headers, null, Map.of("ts", 1_700_000_000_000L));

        Struct back =
                (Struct) converter().toConnectData("metrics", headers, value).value();
        assertThat(back.getString(CloudEventSchema.ID)).isEqualTo("h-1");
        assertThat(OffsetDateTime.parse(back.getString(CloudEventSchema.TIME)).toInstant())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void aMissingRequiredAttributeValueNamesTheAttributeAndTemplate() {
        CloudEventsConverter converter = converter("ce.type", "${json:$.nope}");
        assertThatThrownBy(() -> converter.fromConnectData("orders", new RecordHeaders(), ORDER, order()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'type'")
                .hasMessageContaining("${json:$.nope}")
                .hasMessageContaining("orders");
    }

    @Test
    void badSettingsFailAtConfigure() {
        assertThatThrownBy(() -> converter("ce.type", "${nope}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown placeholder ${nope}");
        assertThatThrownBy(() -> converter("ce.extensions.headers", "X-Tenant"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lower-case letters and digits");
        assertThatThrownBy(() -> converter("encoding", "chunked")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> converter("data.format", "avro"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("glue.region");
    }

    @Test
    void textAndBytesFormats() {
        RecordHeaders headers = new RecordHeaders();
        byte[] text = converter("data.format", "text").fromConnectData("logs", headers, Schema.STRING_SCHEMA, "héllo");
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(header(headers, "content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(((Struct) converter().toConnectData("logs", headers, text).value()).getString("data"))
                .isEqualTo("héllo");

        RecordHeaders binHeaders = new RecordHeaders();
        byte[] raw = {1, 2, 3};
        assertThat(converter("data.format", "bytes").fromConnectData("blobs", binHeaders, Schema.BYTES_SCHEMA, raw))
                .isEqualTo(raw);
        assertThat(header(binHeaders, "content-type")).isEqualTo("application/octet-stream");
        assertThatThrownBy(() ->
                        converter("data.format", "bytes").fromConnectData("blobs", new RecordHeaders(), ORDER, order()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data.format=bytes");
    }
}
