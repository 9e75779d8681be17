package io.eventbridge.kafka.schema.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class InferredSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean merge(InferredSchema s, String json) throws Exception {
        return s.merge(JsonShapes.shapeOf(JSON.readTree(json)));
    }

    @Test
    void theSameEventIsNoNewVersionAndAWiderOneIs() throws Exception {
        InferredSchema s = new InferredSchema("t");
        assertThat(merge(s, "{\"a\":1}")).isTrue();
        assertThat(s.version()).isEqualTo(1);
        assertThat(merge(s, "{\"a\":2}")).isFalse();
        assertThat(merge(s, "{\"a\":3,\"b\":null}")).isTrue(); // the shape knows b now...
        assertThat(s.version()).isEqualTo(1); // ...but the schema has no field for it yet
        assertThat(merge(s, "{\"a\":4,\"b\":\"x\"}")).isTrue();
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.schema().field("b").schema().type()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void textThatHoldsOtherJsonIsMarkedAndSurvivesAStore() throws Exception {
        InferredSchema s = new InferredSchema("t");
        merge(s, "{\"a\":\"x\",\"list\":[1,\"two\"]}"); // mixed elements hold any JSON
        assertThat(s.schema().field("a").schema().parameters()).isNull();
        merge(s, "{\"a\":5}");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.schema().field("a").schema().parameters()).containsEntry(JsonShapes.ANY_JSON_PARAM, "true");
        assertThat(s.schema().field("list").schema().valueSchema().parameters())
                .containsEntry(JsonShapes.ANY_JSON_PARAM, "true");
        InferredSchema restored = InferredSchema.restore("t", s.storedShape(), s.version());
        assertThat(restored.schema()).isEqualTo(s.schema());
        assertThat(merge(restored, "{\"a\":true}")).isFalse(); // any JSON already
    }

    /** A random JSON value from a small vocabulary of names and kinds, so that shapes collide often. */
    private static com.fasterxml.jackson.databind.JsonNode random(java.util.Random r, int depth) {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        switch (r.nextInt(depth > 2 ? 7 : 9)) {
            case 0:
                return nodes.nullNode();
            case 1:
                return nodes.numberNode(r.nextInt(100));
            case 2:
                return nodes.numberNode(10_000_000_000L + r.nextInt(100));
            case 3:
                return nodes.numberNode(r.nextDouble());
            case 4:
                return nodes.textNode("t" + r.nextInt(3));
            case 5:
                return nodes.booleanNode(r.nextBoolean());
            case 6:
                return nodes.numberNode(new java.math.BigInteger("99999999999999999999"));
            case 7: {
                var array = nodes.arrayNode();
                for (int i = r.nextInt(3); i > 0; i--) {
                    array.add(random(r, depth + 1));
                }
                return array;
            }
            default: {
                var object = nodes.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set("f" + r.nextInt(4), random(r, depth + 1));
                }
                return object;
            }
        }
    }

    @Test
    void holdsAgreesWithMergingTheValuesShapeOnRandomJson() {
        java.util.Random r = new java.util.Random(17);
        int held = 0;
        for (int run = 0; run < 300; run++) {
            Shape shape = Shape.UNKNOWN;
            for (int i = 0; i < 40; i++) {
                var node = random(r, 0);
                boolean holds = JsonShapes.holds(shape, node);
                Shape merged = Shape.merge(shape, JsonShapes.shapeOf(node));
                assertThat(holds).as("%s into %s", node, shape).isEqualTo(merged == shape);
                held += holds ? 1 : 0;
                shape = merged;
            }
        }
        assertThat(held).as("the common case is exercised too").isGreaterThan(1_000);
    }

    @Test
    void valuesNestedDeeperThanTheLimitAreJsonTextAndNothingRecursesPastIt() {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var root = nodes.objectNode();
        var at = root;
        for (int i = 0; i < 20_000; i++) { // far past what a parser hands over, built as a tree
            at = at.putObject("d");
        }
        at.put("leaf", 1);
        InferredSchema s = new InferredSchema("deep");
        assertThat(s.merge(root)).isTrue();
        assertThat(s.merge(root)).isFalse(); // holds() walks it without overflowing the stack
        Schema level = s.schema();
        for (int i = 0; i < JsonShapes.MAX_DEPTH; i++) {
            assertThat(level.type()).isEqualTo(Schema.Type.STRUCT);
            level = level.field("d").schema();
        }
        assertThat(level.type()).isEqualTo(Schema.Type.STRING);
        assertThat(level.parameters()).containsEntry(JsonShapes.ANY_JSON_PARAM, "true");
    }

    @Test
    void aJsonFieldNameStartingWithNulIsANamedFailure() throws Exception {
        InferredSchema s = new InferredSchema("t");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> merge(s, "{\"\\u0000x\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000");
    }
}
