package io.eventbridge.kafka.cloudevents;

import static io.eventbridge.kafka.cloudevents.Converters.converter;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-level interop with the CloudEvents SDK's own Kafka serializer and deserializer, both ways. */
class SdkInteropTest {
    private static CloudEvent sdkEvent(String contentType, byte[] data) {
        return CloudEventBuilder.v1()
                .withId("e-42")
                .withSource(URI.create("https://example.com/orders"))
                .withType("com.example.order.shipped")
                .withSubject("orders/42")
                .withTime(OffsetDateTime.parse("2026-11-23T08:00:00.5+02:00"))
                .withDataSchema(URI.create("https://example.com/schemas/order.json"))
                .withExtension("tenant", "acme")
                .withData(contentType, data)
                .build();
    }

    private static CloudEventSerializer sdkSerializer(String encoding) {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(
                Map.of(
                        CloudEventSerializer.ENCODING_CONFIG,
                        encoding,
                        CloudEventSerializer.EVENT_FORMAT_CONFIG,
                        "application/cloudevents+json"),
                false);
        return serializer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"BINARY", "STRUCTURED"})
    void readsWhatTheSdkSerializerWrites(String encoding) {
        CloudEvent event = sdkEvent("application/json", "{\"parcel\":\"P-1\"}".getBytes(StandardCharsets.UTF_8));
        RecordHeaders headers = new RecordHeaders();
        byte[] value = sdkSerializer(encoding).serialize("shipments", headers, event);

        Struct read =
                (Struct) converter().toConnectData("shipments", headers, value).value();

        assertThat(read.getString(CloudEventSchema.ID)).isEqualTo("e-42");
        assertThat(read.getString(CloudEventSchema.SOURCE)).isEqualTo("https://example.com/orders");
        assertThat(read.getString(CloudEventSchema.TYPE)).isEqualTo("com.example.order.shipped");
        assertThat(read.getString(CloudEventSchema.SUBJECT)).isEqualTo("orders/42");
        assertThat(OffsetDateTime.parse(read.getString(CloudEventSchema.TIME)))
                .isEqualTo(OffsetDateTime.parse("2026-11-23T08:00:00.5+02:00"));
        assertThat(read.getString(CloudEventSchema.DATASCHEMA)).isEqualTo("https://example.com/schemas/order.json");
        assertThat(read.getString(CloudEventSchema.DATACONTENTTYPE)).isEqualTo("application/json");
        assertThat(read.<String, String>getMap(CloudEventSchema.EXTENSIONS)).containsEntry("tenant", "acme");
        assertThat(read.getString(CloudEventSchema.DATA).replace(" ", "")).isEqualTo("{\"parcel\":\"P-1\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BINARY", "STRUCTURED"})
    void readsSpecVersion03EventsTheSdkWrites(String encoding) {
        CloudEvent event = CloudEventBuilder.v03()
                .withId("old-1")
                .withSource(URI.create("/legacy"))
                .withType("com.example.legacy")
                .withData("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                .build();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = sdkSerializer(encoding).serialize("legacy", headers, event);

        Struct read =
                (Struct) converter().toConnectData("legacy", headers, value).value();
        assertThat(read.getString(CloudEventSchema.SPECVERSION)).isEqualTo("0.3");
        assertThat(read.getString(CloudEventSchema.ID)).isEqualTo("old-1");
        assertThat(read.getString(CloudEventSchema.TYPE)).isEqualTo("com.example.legacy");
        assertThat(read.getString(CloudEventSchema.DATA).replace(" ", "")).isEqualTo("{\"a\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void theSdkDeserializerReadsWhatTheConverterWrites(String encoding) {
        byte[] payload = {10, 20, 30, 40};
        CloudEvent expected = sdkEvent("application/octet-stream", payload);
        Struct struct = CloudEventStructs.toStruct(
                expected,
                new org.apache.kafka.connect.data.SchemaAndValue(
                        org.apache.kafka.connect.data.Schema.OPTIONAL_BYTES_SCHEMA, payload));
        RecordHeaders headers = new RecordHeaders();
        byte[] value = converter("encoding", encoding).fromConnectData("shipments", headers, struct.schema(), struct);

        CloudEventDeserializer deserializer = new CloudEventDeserializer();
        deserializer.configure(Map.of(), false);
        CloudEvent actual = deserializer.deserialize("shipments", headers, value);

        assertThat(actual.getId()).isEqualTo(expected.getId());
        assertThat(actual.getSource()).isEqualTo(expected.getSource());
        assertThat(actual.getType()).isEqualTo(expected.getType());
        assertThat(actual.getSubject()).isEqualTo(expected.getSubject());
        assertThat(actual.getTime()).isEqualTo(expected.getTime());
        assertThat(actual.getDataSchema()).isEqualTo(expected.getDataSchema());
        assertThat(actual.getDataContentType()).isEqualTo(expected.getDataContentType());
        assertThat(actual.getExtension("tenant")).isEqualTo("acme");
        assertThat(actual.getData().toBytes()).isEqualTo(payload);
    }
}
