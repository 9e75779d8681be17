package io.eventbridge.kafka.common.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class EventPatternPredicateTest {
    private static final String PATTERN =
            "{\"status\":[\"Placed\"],\"total\":[{\"numeric\":[\">\",100]}]," + "\"customer\":{\"tier\":[\"gold\"]}}";

    private static EventPatternPredicate<SinkRecord> predicate(String pattern) {
        EventPatternPredicate<SinkRecord> p = new EventPatternPredicate<>();
        p.configure(Map.of("pattern", pattern));
        return p;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("t", 0, null, null, schema, value, 0);
    }

    @Test
    void matchesStructsMapsAndJsonTextAsEventBridgeWould() throws Exception {
        EventPatternPredicate<SinkRecord> p = predicate(PATTERN);
        Schema customer =
                SchemaBuilder.struct().field("tier", Schema.STRING_SCHEMA).build();
        Schema order = SchemaBuilder.struct()
                .field("status", Schema.STRING_SCHEMA)
                .field("total", Schema.INT32_SCHEMA)
                .field("customer", customer)
                .build();
        Struct gold = new Struct(order)
                .put("status", "Placed")
                .put("total", 250)
                .put("customer", new Struct(customer).put("tier", "gold"));
        assertThat(p.test(record(order, gold))).isTrue();
        assertThat(p.test(record(
                        order,
                        new Struct(order)
                                .put("status", "Placed")
                                .put("total", 50)
                                .put("customer", new Struct(customer).put("tier", "gold")))))
                .as("numeric range")
                .isFalse();

        Map<String, Object> map = Map.of("status", "Placed", "total", 101, "customer", Map.of("tier", "gold"));
        assertThat(p.test(record(null, map))).isTrue();
        String json = new ObjectMapper().writeValueAsString(map);
        assertThat(p.test(record(null, json))).isTrue();
        assertThat(p.test(record(null, json.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(p.test(record(null, json.replace("gold", "silver")))).isFalse();
    }

    @Test
    void valuesThatAreNoJsonObjectMatchNothing() {
        EventPatternPredicate<SinkRecord> p = predicate(PATTERN);
        assertThat(p.test(record(null, null))).isFalse();
        assertThat(p.test(record(null, "not json {"))).isFalse();
        assertThat(p.test(record(Schema.INT32_SCHEMA, 7))).isFalse();
        assertThat(p.test(record(null, List.of(1, 2)))).isFalse();
    }

    @Test
    void anInvalidPatternIsRefusedWithTheReason() {
        assertThatThrownBy(() -> predicate("{\"status\": \"Placed\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid EventBridge event pattern");
        assertThat(new EventPatternPredicate<SinkRecord>().config().configKeys())
                .containsKey("pattern");
    }

    @Test
    void patternsAreKeyedAndTellWhichMatch() {
        EventPatterns<Integer> patterns =
                new EventPatterns<Integer>().add(0, "{\"source\":[\"a\"]}").add(1, "{\"source\":[{\"prefix\":\"a\"}]}");
        var event = new ObjectMapper().createObjectNode().put("source", "a");
        assertThat(patterns.matches(event)).containsExactlyInAnyOrder(0, 1);
        assertThat(patterns.anyMatch(event.put("source", "b"))).isFalse();
        assertThat(EventPatterns.problem("{\"source\":[\"a\"]}")).isNull();
        assertThat(EventPatterns.problem("[]")).contains("not a valid EventBridge event pattern");
    }
}
