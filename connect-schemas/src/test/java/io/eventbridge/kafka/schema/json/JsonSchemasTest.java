package io.eventbridge.kafka.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.schema.infer.InferredSchema;
import io.eventbridge.kafka.schema.infer.JsonShapes;
import io.eventbridge.kafka.schema.infer.Shape;
import io.eventbridge.kafka.schema.json.JsonSchemas.Dialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> everyConnectType() {
        return Stream.of(
                Arguments.of(
                        Schema.INT8_SCHEMA, "{\"type\":\"integer\"}", "{\"type\":\"integer\",\"format\":\"int32\"}"),
                Arguments.of(
                        Schema.INT16_SCHEMA, "{\"type\":\"integer\"}", "{\"type\":\"integer\",\"format\":\"int32\"}"),
                Arguments.of(
                        Schema.INT32_SCHEMA, "{\"type\":\"integer\"}", "{\"type\":\"integer\",\"format\":\"int32\"}"),
                Arguments.of(
                        Schema.INT64_SCHEMA, "{\"type\":\"integer\"}", "{\"type\":\"integer\",\"format\":\"int64\"}"),
                Arguments.of(
                        Schema.FLOAT32_SCHEMA, "{\"type\":\"number\"}", "{\"type\":\"number\",\"format\":\"float\"}"),
                Arguments.of(
                        Schema.FLOAT64_SCHEMA, "{\"type\":\"number\"}", "{\"type\":\"number\",\"format\":\"double\"}"),
                Arguments.of(Schema.BOOLEAN_SCHEMA, "{\"type\":\"boolean\"}", "{\"type\":\"boolean\"}"),
                Arguments.of(Schema.STRING_SCHEMA, "{\"type\":\"string\"}", "{\"type\":\"string\"}"),
                Arguments.of(Schema.BYTES_SCHEMA, "{\"type\":\"string\"}", "{\"type\":\"string\",\"format\":\"byte\"}"),
                Arguments.of(Decimal.schema(2), "{\"type\":\"number\"}", "{\"type\":\"number\"}"),
                Arguments.of(
                        Date.SCHEMA,
                        "{\"type\":\"string\",\"format\":\"date\"}",
                        "{\"type\":\"string\",\"format\":\"date\"}"),
                Arguments.of(Time.SCHEMA, "{\"type\":\"string\"}", "{\"type\":\"string\"}"),
                Arguments.of(
                        Timestamp.SCHEMA,
                        "{\"type\":\"string\",\"format\":\"date-time\"}",
                        "{\"type\":\"string\",\"format\":\"date-time\"}"),
                Arguments.of(
                        SchemaBuilder.array(Schema.STRING_SCHEMA).build(),
                        "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
                        "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"),
                Arguments.of(
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA)
                                .build(),
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}",
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int64\"}}"),
                Arguments.of(
                        SchemaBuilder.struct()
                                .name("a.B")
                                .field("x", Schema.INT32_SCHEMA)
                                .field("y", Schema.OPTIONAL_STRING_SCHEMA)
                                .build(),
                        "{\"type\":\"object\",\"title\":\"a.B\",\"properties\":{\"x\":{\"type\":\"integer\"},"
                                + "\"y\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"x\"]}",
                        "{\"type\":\"object\",\"title\":\"a.B\",\"properties\":{\"x\":{\"type\":\"integer\",\"format\":"
                                + "\"int32\"},\"y\":{\"type\":\"string\",\"nullable\":true}},\"required\":[\"x\"]}"));
    }

    @ParameterizedTest
    @MethodSource("everyConnectType")
    void everyConnectTypeHasItsJsonSchemaInBothDialects(Schema schema, String draft4, String openApi) throws Exception {
        assertThat(JsonSchemas.of(schema, Dialect.DRAFT4)).isEqualTo(JSON.readTree(draft4));
        assertThat(JsonSchemas.of(schema, Dialect.OPENAPI3)).isEqualTo(JSON.readTree(openApi));
    }

    @ParameterizedTest
    @MethodSource("everyConnectType")
    void optionalSchemasAreNullableInEachDialect(Schema schema, String draft4, String openApi) throws Exception {
        Schema optional = copyOptional(schema);
        ObjectNode d4 = JsonSchemas.of(optional, Dialect.DRAFT4);
        assertThat(d4.get("type"))
                .isEqualTo(JSON.createArrayNode()
                        .add(JSON.readTree(draft4).get("type").asText())
                        .add("null"));
        ObjectNode oa = JsonSchemas.of(optional, Dialect.OPENAPI3);
        assertThat(oa.get("nullable").asBoolean()).isTrue();
        assertThat(oa.get("type")).isEqualTo(JSON.readTree(openApi).get("type"));
        assertThat(Validation.errors(d4, JSON.nullNode())).isEmpty();
        assertThat(Validation.errors(JsonSchemas.of(schema, Dialect.DRAFT4), JSON.nullNode()))
                .isNotEmpty();
    }

    private static Schema copyOptional(Schema s) {
        SchemaBuilder b = switch (s.type()) {
            case ARRAY -> SchemaBuilder.array(s.valueSchema());
            case MAP -> SchemaBuilder.map(s.keySchema(), s.valueSchema());
            case STRUCT -> {
                SchemaBuilder sb = SchemaBuilder.struct().name(s.name());
                s.fields().forEach(f -> sb.field(f.name(), f.schema()));
                yield sb;
            }
            default -> new SchemaBuilder(s.type()).name(s.name());
        };
        if (s.parameters() != null) {
            b.parameters(s.parameters());
        }
        return b.optional().build();
    }

    /** A struct with every type, nested, rendered by the connectors' own JSON renderer. */
    static Schema everything() {
        Schema inner = SchemaBuilder.struct()
                .name("io.example.Line")
                .field("sku", Schema.STRING_SCHEMA)
                .field("qty", Schema.INT16_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        return SchemaBuilder.struct()
                .name("io.example.Order")
                .doc("an order")
                .field("i8", Schema.INT8_SCHEMA)
                .field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA)
                .field("f32", Schema.FLOAT32_SCHEMA)
                .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("ok", Schema.BOOLEAN_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("blob", Schema.BYTES_SCHEMA)
                .field("price", Decimal.builder(2).optional().build())
                .field("day", Date.SCHEMA)
                .field("at", Time.SCHEMA)
                .field("ts", Timestamp.builder().optional().build())
                .field("lines", SchemaBuilder.array(inner).build())
                .field(
                        "tags",
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA)
                                .optional()
                                .build())
                .field(
                        "counts",
                        SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA)
                                .build())
                .field(
                        "ship",
                        SchemaBuilder.struct()
                                .name("io.example.Address")
                                .field("city", Schema.STRING_SCHEMA)
                                .optional()
                                .build())
                .build();
    }

    static Struct everythingValue(boolean withNulls) {
        Schema s = everything();
        Schema line = s.field("lines").schema().valueSchema();
        Struct v = new Struct(s)
                .put("i8", (byte) -3)
                .put("i32", 42)
                .put("i64", 1L << 40)
                .put("f32", 1.5f)
                .put("ok", true)
                .put("name", "widget")
                .put("blob", "raw".getBytes(StandardCharsets.UTF_8))
                .put("day", new java.util.Date(86_400_000L * 3))
                .put("at", new java.util.Date(45_000L))
                .put("lines", List.of(new Struct(line).put("sku", "A").put("qty", (short) 2)))
                .put("counts", Map.of(1, "one", 2, "two"));
        if (!withNulls) {
            v.put("f64", 2.25)
                    .put("price", new BigDecimal("12.34"))
                    .put("ts", new java.util.Date(1_700_000_000_000L))
                    .put("tags", Map.of("a", 1))
                    .put("ship", new Struct(s.field("ship").schema()).put("city", "Oslo"));
        }
        return v;
    }

    @Test
    void renderedStructsOfEveryTypeValidateAgainstTheirSchema() {
        ObjectNode schema = JsonSchemas.of(everything(), Dialect.DRAFT4);
        for (boolean nulls : new boolean[] {true, false}) {
            JsonNode rendered = JsonRenderer.render(everything(), everythingValue(nulls));
            assertThat(Validation.errors(schema, rendered))
                    .as("nulls=%s: %s", nulls, rendered)
                    .isEmpty();
        }
    }

    @Test
    void theValidatorRefusesJsonThatBreaksTheSchema() {
        ObjectNode schema = JsonSchemas.of(everything(), Dialect.DRAFT4);
        ObjectNode rendered = (ObjectNode) JsonRenderer.render(everything(), everythingValue(false));
        rendered.put("i32", "forty-two");
        assertThat(Validation.errors(schema, rendered)).anyMatch(e -> e.contains("i32"));
        rendered = (ObjectNode) JsonRenderer.render(everything(), everythingValue(false));
        rendered.remove("name");
        assertThat(Validation.errors(schema, rendered)).anyMatch(e -> e.contains("name"));
        rendered = (ObjectNode) JsonRenderer.render(everything(), everythingValue(false));
        rendered.put("ts", "yesterday");
        assertThat(Validation.errors(schema, rendered)).anyMatch(e -> e.contains("ts"));
    }

    @Test
    void inferredSchemasDescribeTheJsonByItsOwnNamesWithOverflowAndAnyJsonFieldsOpen() throws Exception {
        List<String> events = List.of(
                "{\"order-id\":\"a\",\"n\":1,\"mixed\":\"text\",\"items\":[1,2],\"deep\":{\"x\":true}}",
                "{\"order-id\":\"b\",\"n\":\"not a number\",\"mixed\":7,\"items\":[3,\"four\"],\"extra\":null}",
                "{\"order_id\":\"c\",\"n\":3,\"deep\":{\"x\":false,\"y\":2.5}}");
        InferredSchema inferred = new InferredSchema("t");
        for (String e : events) {
            inferred.merge(JsonShapes.shapeOf(JSON.readTree(e)));
        }
        ObjectNode schema = JsonSchemas.of(inferred.schema(), Dialect.DRAFT4);
        JsonNode props = schema.get("properties");
        assertThat(props.has("order-id")).isTrue(); // the JSON name, not the Avro-safe order_id
        assertThat(props.has("order_id")).isTrue(); // a different JSON field
        assertThat(props.has("n_json")).isFalse(); // overflow slots are Connect's, not the JSON's
        assertThat(props.get("n")).isEqualTo(JSON.createObjectNode()); // numbers and text: any JSON
        assertThat(props.get("mixed")).isEqualTo(JSON.createObjectNode()); // text that has held a number
        for (String e : events) {
            assertThat(Validation.errors(schema, JSON.readTree(e))).as(e).isEmpty();
        }
        assertThat(Validation.errors(schema, JSON.readTree("{\"deep\":{\"x\":\"yes\"}}")))
                .isNotEmpty();
    }

    @Test
    void aFieldWithADefaultIsNotRequiredAndShowsItsDefault() throws Exception {
        Schema v2 = SchemaBuilder.struct()
                .name("o")
                .field("id", Schema.INT32_SCHEMA)
                .field("channel", SchemaBuilder.string().defaultValue("web").build())
                .build();
        ObjectNode schema = JsonSchemas.of(v2, Dialect.DRAFT4);
        assertThat(schema.get("required")).isEqualTo(JSON.readTree("[\"id\"]"));
        assertThat(schema.at("/properties/channel/default").asText()).isEqualTo("web");
        assertThat(Validation.errors(schema, JSON.readTree("{\"id\":1}"))).isEmpty(); // written before v2
        assertThat(Validation.errors(schema, JSON.readTree("{\"id\":1,\"channel\":\"store\"}")))
                .isEmpty();
    }

    @Test
    void aConnectSchemaNestedPastTheLimitIsAnyJsonBelowIt() {
        Schema s = Schema.STRING_SCHEMA;
        for (int i = 0; i < 5_000; i++) {
            s = SchemaBuilder.struct().field("d", s).build();
        }
        JsonNode node = JsonSchemas.of(s, Dialect.DRAFT4);
        int depth = 0;
        while (node.has("properties")) {
            node = node.get("properties").get("d");
            depth++;
        }
        assertThat(depth).isEqualTo(JsonSchemas.MAX_DEPTH + 1);
        assertThat(node).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void aSchemalessPartIsAnyJson() {
        assertThat(JsonSchemas.of(null, Dialect.OPENAPI3)).isEmpty();
        assertThat(JsonSchemas.nullable(JsonSchemas.any(), Dialect.DRAFT4)).isEmpty();
    }

    @Test
    void anInferredSchemaReadBackFromItsJsonSchemaWidensLikeTheShapeItCameFrom() throws Exception {
        List<String> events = List.of(
                "{\"order-id\":\"a\",\"n\":1,\"big\":1,\"items\":[{\"sku\":\"x\"}],\"deep\":{\"x\":true}}",
                "{\"order-id\":\"b\",\"n\":\"not a number\",\"big\":10000000000,\"price\":2.5,\"tags\":[]}");
        InferredSchema inferred = new InferredSchema("t");
        for (String e : events) {
            inferred.merge(JsonShapes.shapeOf(JSON.readTree(e)));
        }
        for (Dialect dialect : Dialect.values()) {
            ObjectNode published = JsonSchemas.of(inferred.schema(), dialect);
            Shape read = JsonSchemas.shapeOf(published);
            assertThat(read).as(dialect.name()).isNotNull();
            // written again, the shape read back gives the same schema: nothing published is lost
            assertThat(JsonSchemas.of(JsonShapes.schema(read, "t", 1, true), dialect))
                    .as(dialect.name())
                    .isEqualTo(published);
            // and a narrower shape merged into it adds nothing
            Shape narrower = JsonShapes.shapeOf(JSON.readTree("{\"order-id\":\"c\",\"n\":3,\"big\":2}"));
            assertThat(JsonSchemas.of(JsonShapes.schema(Shape.merge(read, narrower), "t", 1, true), dialect))
                    .isEqualTo(published);
        }
        Shape openApi = JsonSchemas.shapeOf(JsonSchemas.of(inferred.schema(), Dialect.OPENAPI3));
        Shape draft4 = JsonSchemas.shapeOf(JsonSchemas.of(inferred.schema(), Dialect.DRAFT4));
        Map<String, Shape> exact = ((Shape.Obj) openApi).fields();
        assertThat(exact.get("big")).isEqualTo(Shape.LONG);
        assertThat(exact.get("n")).isEqualTo(Shape.JSON); // numbers and text were any JSON
        assertThat(exact.get("price")).isEqualTo(Shape.DOUBLE);
        assertThat(exact.get("items")).isEqualTo(new Shape.Array(new Shape.Obj(Map.of("sku", Shape.TEXT))));
        assertThat(((Shape.Obj) draft4).fields().get("deep")).isEqualTo(new Shape.Obj(Map.of("x", Shape.BOOL)));
    }

    @Test
    void schemasInferenceNeverWritesAreNotReadAsShapes() throws Exception {
        assertThat(JsonSchemas.shapeOf(JsonSchemas.of(
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA)
                                .build(),
                        Dialect.OPENAPI3)))
                .isNull();
        assertThat(JsonSchemas.shapeOf(JSON.readTree("{\"type\":[\"string\",\"integer\"]}")))
                .isNull();
        assertThat(JsonSchemas.shapeOf(JSON.readTree("{\"$ref\":\"#/definitions/X\"}")))
                .isNull();
        assertThat(JsonSchemas.shapeOf(
                        JSON.readTree("{\"type\":\"object\",\"properties\":{\"a\":" + "{\"type\":\"array\"}}}")))
                .isNull();
        assertThat(JsonSchemas.shapeOf(JSON.readTree("{}"))).isEqualTo(Shape.JSON);
        assertThat(JsonSchemas.shapeOf(JSON.readTree("{\"type\":[\"integer\",\"null\"]}")))
                .isEqualTo(Shape.LONG);
    }
}
