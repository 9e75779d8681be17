package io.eventbridge.kafka.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.hostile.HostileInput;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import io.eventbridge.kafka.sink.config.DetailMode;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.schema.DetailSchemas;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Whatever a converter hands the sink, mapping gives a PutEvents entry or a {@link MappingException} (which the
 * task reports to the dead-letter path naming topic, partition and offset), and describing the Detail for the schema
 * registry gives a description or an IllegalArgumentException (the event is sent undescribed); never another
 * exception, never a hang. Values and keys are hostile schemaless values (strings that look like JSON, NaN, bytes, deep and odd maps)
 * or strings of hostile JSON text, headers hostile strings, under each detail mode and with expressions that read
 * the value.
 */
class HostileRecordsPropertyTest {
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();
    private static final List<Map<String, String>> CONFIGS = List.of(
            Map.of(),
            Map.of(
                    "event.detail.mode",
                    "value",
                    "event.source",
                    "${json:$.source}",
                    "event.detail.type",
                    "t-${json:$.a}-${header:tenant}"),
            Map.of(
                    "event.time",
                    "field",
                    "event.time.field",
                    "$.time",
                    "event.resources",
                    "${json:$.id}",
                    "event.trace.header",
                    "tenant"));

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
    }

    private static EventMapper mapper(int config) {
        Map<String, String> props = new HashMap<>(Map.of(
                "name",
                "s",
                "aws.eventbridge.connector.id",
                "orders",
                "aws.eventbridge.eventbus.arn",
                "arn:aws:events:us-east-1:123456789012:event-bus/orders",
                "aws.eventbridge.region",
                "us-east-1"));
        props.putAll(CONFIGS.get(config));
        return new EventMapper(new EventBridgeSinkConfig(props));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                HostileInput.schemalessValue(), HostileInput.jsonText().map(s -> (Object) s));
    }

    @Property(tries = 800, seed = "8263451")
    void everyRecordBecomesAnEntryOrANamedMappingFailure(
            @ForAll("values") Object key, @ForAll("values") Object value, @ForAll("values") Object header)
            throws Exception {
        for (int config = 0; config < CONFIGS.size(); config++) {
            EventMapper mapper = mapper(config);
            DetailSchemas schemas = new DetailSchemas(
                    config == 1 ? DetailMode.VALUE : DetailMode.ENVELOPE, SchemaFormat.OPENAPI3, d -> {});
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString("tenant", header instanceof String s ? s : String.valueOf(header));
            SinkRecord record = new SinkRecord(
                    "orders",
                    0,
                    key instanceof String ? Schema.OPTIONAL_STRING_SCHEMA : null,
                    key,
                    null,
                    value,
                    42L,
                    1714571100250L,
                    TimestampType.CREATE_TIME,
                    headers);
            Object outcome = RUNNER.submit(() -> {
                        try {
                            MappedEvent event = mapper.map(record);
                            try {
                                schemas.observe(record, event.view(), event.entry());
                            } catch (IllegalArgumentException e) {
                                // named: the event is sent undescribed and counted (schema-not-described)
                                assertThat(e.getMessage()).isNotBlank();
                            }
                            return event.entry();
                        } catch (MappingException e) {
                            assertThat(e.getMessage())
                                    .as("a mapping failure says why")
                                    .isNotBlank();
                            return e;
                        }
                    })
                    .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(outcome).isInstanceOfAny(PutEventsRequestEntry.class, MappingException.class);
        }
    }

    @Property(tries = 300, seed = "8263452")
    void everyConnectTypedRecordBecomesAnEntryThatMatchesItsDescription(@ForAll long seed) throws Exception {
        io.eventbridge.kafka.cloudevents.RandomConnect random =
                new io.eventbridge.kafka.cloudevents.RandomConnect(seed);
        Schema schema = random.struct(3);
        Object value = random.value(schema);
        // documented limit (docs/schemas.md): a string field holding JSON text is embedded as JSON, which its
        // "string" schema does not describe
        net.jqwik.api.Assume.that(!holdsJsonLookingText(value));
        for (int config = 0; config < CONFIGS.size(); config++) {
            EventMapper mapper = mapper(config);
            List<DetailSchemas.Described> described = new java.util.ArrayList<>();
            DetailSchemas schemas = new DetailSchemas(
                    config == 1 ? DetailMode.VALUE : DetailMode.ENVELOPE,
                    SchemaFormat.JSONSCHEMADRAFT4,
                    described::add);
            SinkRecord record = new SinkRecord(
                    "orders",
                    0,
                    Schema.STRING_SCHEMA,
                    "k",
                    schema,
                    value,
                    42L,
                    1714571100250L,
                    TimestampType.CREATE_TIME);
            Object outcome = RUNNER.submit(() -> {
                        try {
                            MappedEvent event = mapper.map(record);
                            schemas.observe(record, event.view(), event.entry());
                            return event.entry();
                        } catch (MappingException e) {
                            return e;
                        }
                    })
                    .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(outcome).isInstanceOfAny(PutEventsRequestEntry.class, MappingException.class);
            if (outcome instanceof PutEventsRequestEntry entry && !described.isEmpty()) {
                // typed values: the Detail fits the schema described for it
                var event = io.eventbridge.kafka.common.json.JsonRenderer.MAPPER
                        .createObjectNode()
                        .put("version", "0")
                        .put("id", "x")
                        .put("detail-type", entry.detailType())
                        .put("source", entry.source())
                        .put("account", "123456789012")
                        .put("time", "2026-01-01T00:00:00Z")
                        .put("region", "us-east-1");
                event.putArray("resources");
                event.set("detail", io.eventbridge.kafka.common.json.JsonRenderer.MAPPER.readTree(entry.detail()));
                assertThat(io.eventbridge.kafka.schema.json.Validation.errors(
                                described.get(0).document(), event))
                        .as("%s against %s", entry.detail(), schema)
                        .isEmpty();
            }
        }
    }

    private static boolean holdsJsonLookingText(Object value) {
        if (value instanceof String text) {
            String t = text.strip();
            return t.startsWith("{") || t.startsWith("[");
        }
        if (value instanceof org.apache.kafka.connect.data.Struct struct) {
            return struct.schema().fields().stream().anyMatch(f -> holdsJsonLookingText(struct.get(f)));
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(HostileRecordsPropertyTest::holdsJsonLookingText);
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().anyMatch(HostileRecordsPropertyTest::holdsJsonLookingText);
        }
        return false;
    }
}
