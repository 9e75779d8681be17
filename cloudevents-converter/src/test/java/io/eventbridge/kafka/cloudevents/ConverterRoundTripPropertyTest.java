package io.eventbridge.kafka.cloudevents;

import static io.eventbridge.kafka.cloudevents.Converters.converter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.cloudevents.data.JsonDataCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random values through every mode and the json, text and bytes data formats, written and read back. */
class ConverterRoundTripPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 300;

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void randomStructuredValuesKeepTheirJsonAsData(String encoding) throws Exception {
        CloudEventsConverter writer = converter("encoding", encoding, "data.format", "json");
        CloudEventsConverter reader = converter();
        for (long seed = 1; seed <= CASES; seed++) {
            RandomConnect gen = new RandomConnect(seed);
            Schema schema = gen.struct(3);
            Object value = gen.value(schema);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = writer.fromConnectData("t", headers, schema, value);

            Struct event = (Struct) reader.toConnectData("t", headers, bytes).value();
            assertThat(JSON.readTree(event.getString(CloudEventSchema.DATA)))
                    .as("seed %d", seed)
                    .isEqualTo(JSON.readTree(JsonDataCodec.toJson(schema, value)));
            assertThat(event.getString(CloudEventSchema.DATACONTENTTYPE)).isEqualTo("application/json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void randomCloudEventStructsRoundTripExactly(String encoding) {
        CloudEventsConverter writer = converter("encoding", encoding);
        CloudEventsConverter reader = converter();
        Random random = new Random(encoding.hashCode());
        for (int i = 0; i < CASES; i++) {
            Struct event = randomEvent(random);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = writer.fromConnectData("t", headers, event.schema(), event);
            assertThat(reader.toConnectData("t", headers, bytes).value())
                    .as("case %d", i)
                    .isEqualTo(event);
        }
    }

    private static Struct randomEvent(Random random) {
        int kind = random.nextInt(3);
        Schema schema = kind == 2 ? CloudEventSchema.WITH_BYTES_DATA : CloudEventSchema.WITH_STRING_DATA;
        Object data;
        String contentType;
        if (kind == 0) {
            data = "{\"n\":" + random.nextInt() + ",\"s\":\"" + "x".repeat(random.nextInt(5)) + "\"}";
            contentType = "application/json";
        } else if (kind == 1) {
            data = "line " + random.nextInt() + " é€";
            contentType = "text/plain; charset=utf-8";
        } else {
            byte[] bytes = new byte[1 + random.nextInt(40)]; // binary mode reads empty data as no data (SDK)
            random.nextBytes(bytes);
            data = bytes;
            contentType = "application/octet-stream";
        }
        boolean noData = random.nextInt(10) == 0;
        if (noData) {
            schema = CloudEventSchema.WITH_BYTES_DATA; // an event without data reads back with this schema
        }
        Struct event = new Struct(schema)
                .put(CloudEventSchema.SPECVERSION, "1.0")
                .put(CloudEventSchema.ID, "id-" + random.nextLong())
                .put(CloudEventSchema.SOURCE, random.nextBoolean() ? "/a/b" : "urn:example:" + random.nextInt(100))
                .put(CloudEventSchema.TYPE, "t." + random.nextInt(10))
                .put(CloudEventSchema.DATACONTENTTYPE, contentType)
                .put(CloudEventSchema.DATA, noData ? null : data);
        if (random.nextBoolean()) {
            event.put(CloudEventSchema.SUBJECT, "sub/" + random.nextInt());
        }
        if (random.nextBoolean()) {
            event.put(
                    CloudEventSchema.TIME,
                    "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                            + "T0" + random.nextInt(10) + ":1" + random.nextInt(10) + ":00"
                            + (random.nextBoolean() ? ".25" : "")
                            + (random.nextBoolean() ? "Z" : "+05:30"));
        }
        if (random.nextBoolean()) {
            event.put(CloudEventSchema.DATASCHEMA, "https://example.com/s/" + random.nextInt(9));
        }
        if (random.nextBoolean()) {
            event.put(CloudEventSchema.EXTENSIONS, Map.of("ext" + random.nextInt(3), "v" + random.nextInt()));
        }
        return event;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "bytes"})
    void textAndBytesValuesRoundTrip(String format) {
        CloudEventsConverter writer = converter("data.format", format, "encoding", "structured");
        Random random = new Random(7);
        for (int i = 0; i < CASES; i++) {
            String text = "v" + random.nextInt() + " ü";
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = writer.fromConnectData("t", headers, Schema.STRING_SCHEMA, text);
            Object data =
                    ((Struct) converter().toConnectData("t", headers, bytes).value()).get(CloudEventSchema.DATA);
            Object actual = data instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : data;
            assertThat(actual).isEqualTo(text);
        }
    }
}
