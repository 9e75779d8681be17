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
}
