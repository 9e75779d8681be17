package io.eventbridge.kafka.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.schema.infer.ShapeJson;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SchemaAndValue detail(SchemaInference inference, String type, String json) throws Exception {
        return inference.detail(type, JSON.readTree(json));
    }

    @Test
    void infersAStructPerDetailTypeWithAvroSafeNames() throws Exception {
        SchemaInference inference = new SchemaInference();
        SchemaAndValue v = detail(
                inference,
                "EC2 Instance State-change Notification",
                "{\"instance-id\":\"i-1\",\"state\":\"running\",\"cpu\":2,\"tags\":[\"a\"],\"meta\":{\"zone\":\"a\"}}");
        Schema schema = v.schema();
        assertThat(schema.name()).isEqualTo("io.eventbridge.kafka.source.EC2_Instance_State_change_Notification");
        assertThat(schema.version()).isEqualTo(1);
        assertThat(schema.field("instance_id").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("cpu").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(schema.field("tags").schema().valueSchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((Struct) v.value()).getString("instance_id")).isEqualTo("i-1");
        assertThat(((Struct) ((Struct) v.value()).get("meta")).getString("zone"))
                .isEqualTo("a");
    }

    @Test
    void widensSafelyAndVersionsEachChange() throws Exception {
        SchemaInference inference = new SchemaInference();
        Schema v1 = detail(inference, "t", "{\"n\":1,\"s\":\"x\"}").schema();
        Schema same = detail(inference, "t", "{\"n\":2}").schema();
        assertThat(same).isSameAs(v1);

        SchemaAndValue wider = detail(inference, "t", "{\"n\":10000000000,\"extra\":true}");
        assertThat(wider.schema().version()).isEqualTo(2);
        assertThat(wider.schema().field("n").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(wider.schema().field("extra").schema().isOptional()).isTrue();
        assertThat(wider.schema().fields()).extracting(f -> f.name()).containsExactly("n", "s", "extra");

        SchemaAndValue dbl = detail(inference, "t", "{\"n\":1.5}");
        assertThat(dbl.schema().version()).isEqualTo(3);
        assertThat(dbl.schema().field("n").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        // older shapes still fit the newest schema
        Struct old = (Struct) detail(inference, "t", "{\"n\":1,\"s\":\"x\"}").value();
        assertThat(old.getFloat64("n")).isEqualTo(1.0);
        assertThat(old.get("extra")).isNull();
        assertThat(old.schema().version()).isEqualTo(3);

        SchemaAndValue clash = detail(inference, "t", "{\"s\":{\"nested\":1}}");
        assertThat(clash.schema().field("s").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((Struct) clash.value()).getString("s")).isEqualTo("{\"nested\":1}");
    }

    @Test
    void emptyArraysAndNullsWaitForARealType() throws Exception {
        SchemaInference inference = new SchemaInference();
        Schema first =
                detail(inference, "t", "{\"id\":1,\"items\":[],\"note\":null}").schema();
        assertThat(first.fields()).extracting(f -> f.name()).containsExactly("id");
        SchemaAndValue later = detail(inference, "t", "{\"items\":[{\"sku\":\"a\"}],\"note\":\"hi\"}");
        Schema items = later.schema().field("items").schema();
        assertThat(items.valueSchema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(later.schema().field("note").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((List<?>) ((Struct) later.value()).get("items"))).hasSize(1);
        assertThat(later.schema().version()).isEqualTo(2);
        assertReadsOlder(first, later.schema(), "detail");
    }

    @Test
    void aValueThatDoesNotWidenGoesToAnOverflowFieldAndTheFieldKeepsItsType() throws Exception {
        SchemaInference inference = new SchemaInference();
        Schema v1 = detail(inference, "t", "{\"n\":1,\"tags\":[1],\"ok\":true}").schema();
        SchemaAndValue text = detail(inference, "t", "{\"n\":\"seven\",\"tags\":[\"a\"],\"ok\":{\"x\":1}}");
        Schema v2 = text.schema();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.fields())
                .extracting(f -> f.name())
                .containsExactly("n", "tags", "ok", "n_json", "tags_json", "ok_json");
        assertThat(v2.field("n").schema().type()).isEqualTo(Schema.Type.INT32);
        Struct s = (Struct) text.value();
        assertThat(s.get("n")).isNull();
        assertThat(s.getString("n_json")).isEqualTo("seven");
        assertThat(s.getArray("tags")).isNull();
        assertThat(s.getString("tags_json")).isEqualTo("[\"a\"]");
        assertThat(s.getString("ok_json")).isEqualTo("{\"x\":1}");
        assertReadsOlder(v1, v2, "detail");

        Struct fits = (Struct)
                detail(inference, "t", "{\"n\":5,\"tags\":[2],\"ok\":false}").value();
        assertThat(fits.schema()).isSameAs(v2);
        assertThat(fits.getInt32("n")).isEqualTo(5);
        assertThat(fits.get("n_json")).isNull();
        assertThat(fits.getArray("tags")).containsExactly(2);
        assertThat(fits.getBoolean("ok")).isFalse();
    }

    @Test
    void overflowFieldsKeepTheirNamesWhenLaterFieldsClashWithThem() throws Exception {
        SchemaInference inference = new SchemaInference();
        detail(inference, "t", "{\"a\":1}");
        Schema v2 = detail(inference, "t", "{\"a\":\"x\"}").schema();
        SchemaAndValue v3 = detail(inference, "t", "{\"a_json\":\"mine\",\"a\":[1]}");
        assertThat(v3.schema().fields()).extracting(f -> f.name()).containsExactly("a", "a_json", "a_json_2");
        assertThat(((Struct) v3.value()).getString("a_json")).isEqualTo("[1]");
        assertThat(((Struct) v3.value()).getString("a_json_2")).isEqualTo("mine");
        assertReadsOlder(v2, v3.schema(), "detail");
    }

    /**
     * Random events of one detail-type: each holds every JSON value it was given (in its field, or as JSON
     * text in the field's overflow field), and each new schema version can read what the previous one
     * described, under Avro's rules: same names, same types or int -> long -> double, optional additions.
     */
    @Test
    void randomEventsKeepEveryValueAndEveryVersionReadsThePreviousOne() throws Exception {
        Random random = new Random(42);
        for (int run = 0; run < 20; run++) {
            SchemaInference inference = new SchemaInference();
            Schema previous = null;
            int versions = 0;
            for (int i = 0; i < 300; i++) {
                ObjectNode event = randomObject(random, 0);
                SchemaAndValue v = inference.detail("t", event);
                ((Struct) v.value()).validate();
                assertHolds(v.schema(), v.value(), event, "detail");
                String stored = (String) inference.offsetOf("t").get(SchemaInference.OFFSET_SHAPE);
                assertThat(ShapeJson.write(ShapeJson.read(stored))).isEqualTo(stored);
                if (previous != null && v.schema() != previous) {
                    assertThat(v.schema().version()).isEqualTo(previous.version() + 1);
                    assertReadsOlder(previous, v.schema(), "detail");
                    versions++;
                }
                previous = v.schema();
            }
            assertThat(versions).as("schema changes in run " + run).isPositive();
        }
    }

    @Test
    void aRestartedTaskGoesOnFromTheShapeItsRecordsCommitted() throws Exception {
        SchemaInference before = new SchemaInference();
        detail(before, "t", "{\"n\":1,\"a-b\":null}");
        detail(before, "t", "{\"n\":10000000000}");
        Schema last = detail(before, "t", "{\"n\":\"x\",\"a_b\":true}").schema();
        assertThat(before.partitionOf("t")).isEqualTo(Map.of(SchemaInference.PARTITION_KEY, "t"));
        Map<String, Object> committed = before.offsetOf("t");

        Map<String, Map<String, String>> asked = new java.util.HashMap<>();
        SchemaInference after = new SchemaInference(partition -> {
            asked.put(partition.get(SchemaInference.PARTITION_KEY), partition);
            return partition.get(SchemaInference.PARTITION_KEY).equals("t") ? committed : null;
        });
        SchemaAndValue small = detail(after, "t", "{\"n\":1}");
        assertThat(small.schema())
                .as("not int again, but the long and the overflow field")
                .isEqualTo(last);
        assertThat(((Struct) small.value()).getInt64("n")).isEqualTo(1L);
        assertThat(after.offsetOf("t")).isEqualTo(committed);
        assertThat(detail(after, "other", "{\"n\":1}").schema().version()).isEqualTo(1);
        assertThat(asked).containsOnlyKeys("t", "other");
    }

    @Test
    void aStoredShapeThatCannotBeReadIsIgnored() throws Exception {
        SchemaInference after = new SchemaInference(partition ->
                Map.of(SchemaInference.OFFSET_VERSION, 3, SchemaInference.OFFSET_SHAPE, "[\"{}\",[\"n\",\"q\"]]"));
        SchemaAndValue v = detail(after, "t", "{\"n\":1}");
        assertThat(v.schema().version()).isEqualTo(1);
        assertThat(v.schema().field("n").schema().type()).isEqualTo(Schema.Type.INT32);
    }

    private static final String[] NAMES = {"a", "b", "c-d", "c_d", "e", "a_json"};

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = JSON.createObjectNode();
        for (String name : NAMES) {
            if (random.nextInt(3) > 0) {
                o.set(name, randomValue(random, depth));
            }
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JSON.getNodeFactory();
        switch (random.nextInt(depth >= 2 ? 7 : 9)) {
            case 0:
                return f.nullNode();
            case 1:
                return f.numberNode(random.nextInt(100));
            case 2:
                return random.nextInt(8) == 0 ? f.numberNode(random.nextLong()) : f.numberNode(random.nextInt());
            case 3:
                return random.nextInt(8) == 0 ? f.numberNode(random.nextDouble()) : f.numberNode(random.nextInt(9));
            case 4:
                return f.booleanNode(random.nextBoolean());
            case 5:
                return f.textNode("s" + random.nextInt(5));
            case 6:
                return f.arrayNode();
            case 7: {
                var a = f.arrayNode();
                int n = random.nextInt(3);
                int kind = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(
                            kind == 0
                                    ? f.numberNode(i)
                                    : kind == 1 ? f.textNode("t" + i) : randomObject(random, depth + 1));
                }
                return a;
            }
            default:
                return randomObject(random, depth + 1);
        }
    }

    /** The JSON value is in the Connect value: in its field, or as text in the field's overflow field. */
    private static void assertHolds(Schema schema, Object value, JsonNode json, String path) {
        if (json == null || json.isNull()) {
            assertThat(value).as(path).isNull();
            return;
        }
        switch (schema.type()) {
            case BOOLEAN -> assertThat(value).as(path).isEqualTo(json.asBoolean());
            case INT32, INT64 ->
                assertThat(((Number) value).longValue()).as(path).isEqualTo(json.asLong());
            case FLOAT64 -> assertThat((Double) value).as(path).isEqualTo(json.asDouble());
            case STRING -> assertThat(value).as(path).isEqualTo(json.isTextual() ? json.asText() : json.toString());
            case ARRAY -> {
                List<?> list = (List<?>) value;
                assertThat(list).as(path).hasSize(json.size());
                for (int i = 0; i < list.size(); i++) {
                    assertHolds(schema.valueSchema(), list.get(i), json.get(i), path + "[" + i + "]");
                }
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                Map<String, String> params = schema.parameters() == null ? Map.of() : schema.parameters();
                json.fields().forEachRemaining(e -> {
                    String where = path + "." + e.getKey();
                    String field = fieldFor(schema, params, e.getKey());
                    String overflow = field == null ? null : params.get(SchemaInference.OVERFLOW_PARAM + field);
                    if (field != null
                            && schema.field(field) != null
                            && (struct.get(field) != null || overflow == null)) {
                        assertHolds(schema.field(field).schema(), struct.get(field), e.getValue(), where);
                    } else if (overflow != null && schema.field(overflow) != null) {
                        JsonNode v = e.getValue();
                        assertThat(struct.get(overflow))
                                .as(where + " (overflow)")
                                .isEqualTo(v.isNull() ? null : v.isTextual() ? v.asText() : v.toString());
                    } else {
                        assertThat(untyped(e.getValue()))
                                .as(where + " has no field, so has no typed value")
                                .isTrue();
                    }
                });
            }
            default -> throw new AssertionError(schema.type());
        }
    }

    /** The field a JSON name went to, whether or not it has a schema yet. */
    private static String fieldFor(Schema schema, Map<String, String> params, String jsonName) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getKey().startsWith(SchemaInference.JSON_NAME) && p.getValue().equals(jsonName)) {
                return p.getKey().substring(SchemaInference.JSON_NAME.length());
            }
        }
        return jsonName;
    }

    private static boolean untyped(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!untyped(item)) {
                return false;
            }
        }
        return true;
    }

    /** A reader of {@code newer} can read data written with {@code older}, by Avro's resolution rules. */
    private static void assertReadsOlder(Schema older, Schema newer, String path) {
        assertThat(newer.isOptional()).as(path + " optional").isTrue();
        if (older.type() != newer.type()) {
            boolean promoted = older.type() == Schema.Type.INT32
                            && (newer.type() == Schema.Type.INT64 || newer.type() == Schema.Type.FLOAT64)
                    || older.type() == Schema.Type.INT64 && newer.type() == Schema.Type.FLOAT64;
            assertThat(promoted)
                    .as(path + ": " + older.type() + " -> " + newer.type())
                    .isTrue();
            return;
        }
        if (older.type() == Schema.Type.ARRAY) {
            assertReadsOlder(older.valueSchema(), newer.valueSchema(), path + "[]");
        } else if (older.type() == Schema.Type.STRUCT) {
            for (org.apache.kafka.connect.data.Field f : older.fields()) {
                assertThat(newer.field(f.name()))
                        .as(path + "." + f.name() + " still there")
                        .isNotNull();
                assertReadsOlder(f.schema(), newer.field(f.name()).schema(), path + "." + f.name());
            }
            newer.fields()
                    .forEach(f -> assertThat(f.schema().isOptional())
                            .as(path + "." + f.name())
                            .isTrue());
        }
    }

    @Test
    void clashingSafeNamesGetASuffixAndKeepTheirJsonName() throws Exception {
        SchemaAndValue v = detail(new SchemaInference(), "t", "{\"a-b\":1,\"a_b\":2}");
        assertThat(v.schema().fields()).extracting(f -> f.name()).containsExactly("a_b", "a_b_2");
        assertThat(((Struct) v.value()).getInt32("a_b")).isEqualTo(1);
        assertThat(((Struct) v.value()).getInt32("a_b_2")).isEqualTo(2);
    }
}
