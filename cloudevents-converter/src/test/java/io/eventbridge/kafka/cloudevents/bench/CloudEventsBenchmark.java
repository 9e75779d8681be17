package io.eventbridge.kafka.cloudevents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.CloudEventStructs;
import io.eventbridge.kafka.cloudevents.CloudEventsConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The converter against the CloudEvents SDK's Kafka serializer alone and against JsonConverter, on the
 * same event with about 1 KB of JSON data, in binary and structured mode. Run with
 * {@code ./scripts/jmh.sh}; see docs/performance.md.
 *
 * <p>The SDK benchmarks start from a built {@link CloudEvent}, the converter's from the Connect Struct a
 * connector hands it, so the difference is what the converter adds: Struct to event and back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CloudEventsBenchmark {
    @Param({"binary", "structured"})
    public String encoding;

    private CloudEventsConverter converter;
    private CloudEventSerializer sdkSerializer;
    private CloudEventDeserializer sdkDeserializer;
    private JsonConverter jsonConverter;
    private Struct struct;
    private CloudEvent event;
    private Object jsonValue;
    private byte[] written;
    private RecordHeaders writtenHeaders;
    private byte[] jsonWritten;

    /** About 1 KB of order JSON. */
    static String payload() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            lines.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"SKU-")
                    .append(1000 + i)
                    .append("\",\"name\":\"Widget number ")
                    .append(i)
                    .append("\",\"qty\":")
                    .append(i + 1)
                    .append(",\"price\":")
                    .append(9.99 + i)
                    .append('}');
        }
        return "{\"orderId\":\"o-12345\",\"customer\":{\"id\":\"c-77\",\"email\":\"someone@example.com\","
                + "\"address\":{\"street\":\"1 Example Road\",\"city\":\"Springfield\",\"zip\":\"12345\"}},"
                + "\"lines\":[" + lines + "],\"total\":123.45,\"currency\":\"EUR\",\"note\":\"leave at the door\"}";
    }

    @Setup
    public void setUp() throws Exception {
        String data = payload();
        struct = new Struct(CloudEventSchema.WITH_STRING_DATA)
                .put(CloudEventSchema.SPECVERSION, "1.0")
                .put(CloudEventSchema.ID, "f1c2e3d4-0000-4000-8000-000000000001")
                .put(CloudEventSchema.SOURCE, "/shop/orders")
                .put(CloudEventSchema.TYPE, "com.example.order.created")
                .put(CloudEventSchema.DATACONTENTTYPE, "application/json")
                .put(CloudEventSchema.SUBJECT, "orders/12345")
                .put(CloudEventSchema.TIME, "2026-11-23T10:15:30.123Z")
                .put(CloudEventSchema.EXTENSIONS, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-01"))
                .put(CloudEventSchema.DATA, data);
        event = CloudEventStructs.attributes(struct, "orders")
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8))
                .build();

        converter = new CloudEventsConverter();
        converter.configure(Map.of("encoding", encoding), false);
        sdkSerializer = new CloudEventSerializer();
        sdkSerializer.configure(
                Map.of(
                        CloudEventSerializer.ENCODING_CONFIG,
                        encoding.toUpperCase(),
                        CloudEventSerializer.EVENT_FORMAT_CONFIG,
                        "application/cloudevents+json"),
                false);
        sdkDeserializer = new CloudEventDeserializer();
        sdkDeserializer.configure(Map.of(), false);
        jsonConverter = new JsonConverter();
        jsonConverter.configure(Map.of("schemas.enable", "false"), false);
        jsonValue = new ObjectMapper().readValue(data, Map.class);

        writtenHeaders = new RecordHeaders();
        written = converter.fromConnectData("orders", writtenHeaders, struct.schema(), struct);
        jsonWritten = jsonConverter.fromConnectData("orders", null, jsonValue);
    }

    @Benchmark
    public byte[] serializeConverter() {
        return converter.fromConnectData("orders", new RecordHeaders(), struct.schema(), struct);
    }

    @Benchmark
    public byte[] serializeSdk() {
        return sdkSerializer.serialize("orders", new RecordHeaders(), event);
    }

    @Benchmark
    public byte[] serializeJsonConverter() {
        return jsonConverter.fromConnectData("orders", new RecordHeaders(), (Schema) null, jsonValue);
    }

    @Benchmark
    public SchemaAndValue deserializeConverter() {
        return converter.toConnectData("orders", writtenHeaders, written);
    }

    @Benchmark
    public Object deserializeSdk() {
        CloudEvent e = sdkDeserializer.deserialize("orders", writtenHeaders, written);
        return e.getData().toBytes();
    }

    @Benchmark
    public SchemaAndValue deserializeJsonConverter() {
        return jsonConverter.toConnectData("orders", new RecordHeaders(), jsonWritten);
    }
}
