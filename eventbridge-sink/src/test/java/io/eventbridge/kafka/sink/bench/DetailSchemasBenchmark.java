package io.eventbridge.kafka.sink.bench;

import io.eventbridge.kafka.schema.json.SchemaFormat;
import io.eventbridge.kafka.sink.config.DetailMode;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import io.eventbridge.kafka.sink.mapping.MappedEvent;
import io.eventbridge.kafka.sink.schema.DetailSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
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
 * What {@code schema.registry.publish} adds per record on the task thread: mapping a record to its PutEvents
 * entry alone, and mapping it and letting {@link DetailSchemas} see it, for an order of about 600 bytes as a
 * schemaless map (inferred: its shape is taken per record) and as a Connect Struct (a schema converters reuse).
 * Run with {@code JMH_MODULE=eventbridge-sink ./scripts/jmh.sh DetailSchemasBenchmark}; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetailSchemasBenchmark {
    private static final Schema LINE = SchemaBuilder.struct()
            .name("shop.Line")
            .field("sku", Schema.STRING_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .field("price", Schema.FLOAT64_SCHEMA)
            .build();
    private static final Schema ORDER = SchemaBuilder.struct()
            .name("shop.Order")
            .field("orderId", Schema.STRING_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("items", SchemaBuilder.array(LINE).build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @Param({"schemaless", "struct"})
    public String value;

    private EventMapper mapper;
    private DetailSchemas schemas;
    private SinkRecord record;
    private int published;

    @Setup
    public void setUp() {
        Map<String, String> props = new HashMap<>(Map.of(
                "name",
                "bench",
                "aws.eventbridge.connector.id",
                "orders",
                "aws.eventbridge.eventbus.arn",
                "arn:aws:events:us-east-1:123456789012:event-bus/orders",
                "aws.eventbridge.region",
                "us-east-1"));
        mapper = new EventMapper(new EventBridgeSinkConfig(props));
        schemas = new DetailSchemas(DetailMode.ENVELOPE, SchemaFormat.OPENAPI3, d -> published++);
        String note = "x".repeat(200);
        if (value.equals("struct")) {
            List<Struct> items = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                items.add(new Struct(LINE)
                        .put("sku", "SKU-123456" + i)
                        .put("qty", i + 1)
                        .put("price", 19.99));
            }
            record = new SinkRecord(
                    "orders",
                    0,
                    Schema.STRING_SCHEMA,
                    "order-1",
                    ORDER,
                    new Struct(ORDER)
                            .put("orderId", "00000042")
                            .put("customer", "customer-0042")
                            .put("items", items)
                            .put("note", note),
                    42L,
                    1714571100250L,
                    TimestampType.CREATE_TIME);
        } else {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sku", "SKU-123456" + i);
                line.put("qty", i + 1);
                line.put("price", 19.99);
                items.add(line);
            }
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("orderId", "00000042");
            order.put("customer", "customer-0042");
            order.put("items", items);
            order.put("note", note);
            record = new SinkRecord(
                    "orders",
                    0,
                    Schema.STRING_SCHEMA,
                    "order-1",
                    null,
                    order,
                    42L,
                    1714571100250L,
                    TimestampType.CREATE_TIME);
        }
    }

    @Benchmark
    public Object mapOnly() {
        return mapper.map(record).entry();
    }

    @Benchmark
    public Object mapAndDescribe() {
        MappedEvent event = mapper.map(record);
        schemas.observe(record, event.view(), event.entry());
        return event.entry();
    }
}
