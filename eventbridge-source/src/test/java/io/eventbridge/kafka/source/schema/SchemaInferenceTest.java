package io.eventbridge.kafka.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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
        SchemaAndValue v = detail(inference, "EC2 Instance State-change Notification",
            "{\"instance-id\":\"i-1\",\"state\":\"running\",\"cpu\":2,\"tags\":[\"a\"],\"meta\":{\"zone\":\"a\"}}");
        Schema schema = v.schema();
        assertThat(schema.name()).isEqualTo("io.eventbridge.kafka.source.EC2_Instance_State_change_Notification");
        assertThat(schema.version()).isEqualTo(1);
        assertThat(schema.field("instance_id").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("cpu").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(schema.field("tags").schema().valueSchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((Struct) v.value()).getString("instance_id")).isEqualTo("i-1");
        assertThat(((Struct) ((Struct) v.value()).get("meta")).getString("zone")).isEqualTo("a");
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
        detail(inference, "t", "{\"items\":[],\"note\":null}");
        SchemaAndValue later = detail(inference, "t", "{\"items\":[{\"sku\":\"a\"}],\"note\":\"hi\"}");
        Schema items = later.schema().field("items").schema();
        assertThat(items.valueSchema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(later.schema().field("note").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((List<?>) ((Struct) later.value()).get("items"))).hasSize(1);
    }

    @Test
    void clashingSafeNamesGetASuffixAndKeepTheirJsonName() throws Exception {
        SchemaAndValue v = detail(new SchemaInference(), "t", "{\"a-b\":1,\"a_b\":2}");
        assertThat(v.schema().fields()).extracting(f -> f.name()).containsExactly("a_b", "a_b_2");
        assertThat(((Struct) v.value()).getInt32("a_b")).isEqualTo(1);
        assertThat(((Struct) v.value()).getInt32("a_b_2")).isEqualTo(2);
    }
}
