package io.eventbridge.kafka.cloudevents.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.CloudEventsConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static Struct event(Map<String, String> extensions) {
        return new Struct(CloudEventSchema.WITH_STRING_DATA)
                .put(CloudEventSchema.SPECVERSION, "1.0")
                .put(CloudEventSchema.ID, "1")
                .put(CloudEventSchema.SOURCE, "/s")
                .put(CloudEventSchema.TYPE, "t")
                .put(CloudEventSchema.EXTENSIONS, extensions)
                .put(CloudEventSchema.DATA, "{}");
    }

    @Test
    void partitionKeyExtensionBecomesTheKeyOfSourceRecords() {
        SourceRecord record = new SourceRecord(
                Map.of(),
                Map.of(),
                "orders",
                null,
                null,
                null,
                CloudEventSchema.WITH_STRING_DATA,
                event(Map.of("partitionkey", "customer-7")));
        SourceRecord out = new PartitionKey<SourceRecord>().apply(record);
        assertThat(out.key()).isEqualTo("customer-7");
        assertThat(out.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void theKeyOfSinkRecordsBecomesThePartitionKeyExtension() {
        SinkRecord record = new SinkRecord(
                "orders", 0, Schema.STRING_SCHEMA, "customer-9", CloudEventSchema.WITH_STRING_DATA, event(null), 5L);
        SinkRecord out = new PartitionKey<SinkRecord>().apply(record);
        assertThat(((Struct) out.value()).<String, String>getMap(CloudEventSchema.EXTENSIONS))
                .containsEntry("partitionkey", "customer-9");
        // an event that has one keeps it
        SinkRecord keeps = new SinkRecord(
                "orders",
                0,
                Schema.STRING_SCHEMA,
                "other",
                CloudEventSchema.WITH_STRING_DATA,
                event(Map.of("partitionkey", "mine")),
                5L);
        assertThat(((Struct) new PartitionKey<SinkRecord>().apply(keeps).value())
                        .<String, String>getMap(CloudEventSchema.EXTENSIONS))
                .containsEntry("partitionkey", "mine");
    }

    @Test
    void recordTimestampHeaderFeedsTheConvertersTimeTemplate() {
        RecordTimestampHeader<SinkRecord> smt = new RecordTimestampHeader<>();
        smt.configure(Map.of());
        SinkRecord record = smt.apply(new SinkRecord(
                "orders",
                0,
                null,
                null,
                Schema.STRING_SCHEMA,
                "hello",
                1L,
                1_700_000_000_123L,
                TimestampType.CREATE_TIME));
        assertThat(record.headers().lastWithName("kafka.timestamp").value()).isEqualTo("2023-11-14T22:13:20.123Z");

        CloudEventsConverter converter = new CloudEventsConverter();
        converter.configure(Map.of("ce.time", "${header:kafka.timestamp}", "data.format", "text"), false);
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka.timestamp", "2023-11-14T22:13:20.123Z".getBytes(StandardCharsets.UTF_8));
        converter.fromConnectData("orders", headers, Schema.STRING_SCHEMA, "hello");
        assertThat(new String(headers.lastHeader("ce_time").value(), StandardCharsets.UTF_8))
                .isEqualTo("2023-11-14T22:13:20.123Z");
    }
}
