package io.eventbridge.kafka.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRendererTest {
    static List<Object[]> values() {
        Schema inner =
                SchemaBuilder.struct().field("x", Schema.OPTIONAL_INT64_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("d", Decimal.schema(3))
                .field("t", Timestamp.SCHEMA)
                .field("s", Schema.STRING_SCHEMA)
                .field("f", Schema.FLOAT32_SCHEMA)
                .field("b", Schema.BOOLEAN_SCHEMA)
                .field("i8", Schema.INT8_SCHEMA)
                .field("raw", Schema.BYTES_SCHEMA)
                .field("inner", inner)
                .field("list", SchemaBuilder.array(inner).build())
                .field(
                        "map",
                        SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)
                                .build())
                .build();
        Map<Integer, String> map = new LinkedHashMap<>();
        map.put(1, "one");
        map.put(2, null);
        Struct struct = new Struct(schema)
                .put("d", new BigDecimal("-1.500"))
                .put("t", Date.from(Instant.EPOCH))
                .put("s", "{\"json\":true}")
                .put("f", Float.POSITIVE_INFINITY)
                .put("b", true)
                .put("i8", (byte) 7)
                .put("raw", "not json".getBytes(StandardCharsets.UTF_8))
                .put("inner", new Struct(inner))
                .put("list", List.of(new Struct(inner).put("x", 9L)))
                .put("map", map);
        Map<String, Object> schemaless = new LinkedHashMap<>();
        schemaless.put("n", 1.25);
        schemaless.put("l", Long.MAX_VALUE);
        schemaless.put("nested", Map.of("a", Arrays.asList(1, null, "[1,2]")));
        schemaless.put("bytes", ByteBuffer.wrap("{\"k\":1}".getBytes(StandardCharsets.UTF_8)));
        schemaless.put("text", "plain {not json");
        return List.of(
                new Object[] {schema, struct},
                new Object[] {null, schemaless},
                new Object[] {Schema.STRING_SCHEMA, " [1, {\"a\":2}]"},
                new Object[] {Schema.STRING_SCHEMA, "{broken"},
                new Object[] {null, null},
                new Object[] {Schema.FLOAT64_SCHEMA, Double.NaN});
    }

    @ParameterizedTest
    @MethodSource("values")
    void streamingWriteProducesExactlyTheTreeRendering(Schema schema, Object value) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonRenderer.MAPPER.getFactory().createGenerator(text)) {
            JsonRenderer.write(out, schema, value);
        }
        assertThat(text.toString())
                .isEqualTo(JsonRenderer.MAPPER.writeValueAsString(JsonRenderer.render(schema, value)));
    }
}
