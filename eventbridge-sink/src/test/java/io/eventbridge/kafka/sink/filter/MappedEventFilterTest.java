package io.eventbridge.kafka.sink.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The filter sees each record kind as the mapper sends it, so a pattern on the Detail means the same for all. */
class MappedEventFilterTest {
    private static final String PAID =
            "{\"detail\":{\"value\":{\"status\":[\"PAID\"],\"total\":[{\"numeric\":[\">\",10]}]}}}";

    private final EventBridgeSinkConfig config = new EventBridgeSinkConfig(Map.of(
            "name",
            "s",
            "aws.eventbridge.connector.id",
            "orders",
            "aws.eventbridge.region",
            "us-east-1",
            "aws.eventbridge.eventbus.arn",
            "arn:aws:events:us-east-1:123456789012:event-bus/orders",
            "event.filter.pattern",
            PAID));
    private final EventMapper mapper = new EventMapper(config);
    private final EventFilter filter = Filters.create(config, null, null);

    private boolean wanted(Schema schema, Object value) {
        return filter.wants(mapper.map(new SinkRecord("orders", 0, null, null, schema, value, 7))
                .entry());
    }

    @Test
    void structs() {
        Schema schema = SchemaBuilder.struct()
                .field("status", Schema.STRING_SCHEMA)
                .field("total", Schema.INT32_SCHEMA)
                .build();
        assertThat(wanted(schema, new Struct(schema).put("status", "PAID").put("total", 12)))
                .isTrue();
        assertThat(wanted(schema, new Struct(schema).put("status", "PAID").put("total", 9)))
                .isFalse();
        assertThat(wanted(schema, new Struct(schema).put("status", "NEW").put("total", 12)))
                .isFalse();
    }

    @Test
    void schemalessMaps() {
        assertThat(wanted(null, Map.of("status", "PAID", "total", 12.5))).isTrue();
        assertThat(wanted(null, Map.of("status", "NEW", "total", 12.5))).isFalse();
    }

    @Test
    void jsonText() {
        assertThat(wanted(Schema.STRING_SCHEMA, "{\"status\":\"PAID\",\"total\":30}"))
                .isTrue();
        assertThat(wanted(Schema.STRING_SCHEMA, "{\"status\":\"NEW\",\"total\":30}"))
                .isFalse();
    }

    @Test
    void jsonBytes() {
        assertThat(wanted(Schema.BYTES_SCHEMA, "{\"status\":\"PAID\",\"total\":30}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(wanted(Schema.BYTES_SCHEMA, "{\"status\":\"NEW\",\"total\":30}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
