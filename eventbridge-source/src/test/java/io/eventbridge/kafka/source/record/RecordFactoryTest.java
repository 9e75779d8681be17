package io.eventbridge.kafka.source.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.common.dlq.DeadLetterReporter;
import io.eventbridge.kafka.source.Messages;
import io.eventbridge.kafka.source.config.KeyMode;
import io.eventbridge.kafka.source.config.NonEnvelopeBehavior;
import io.eventbridge.kafka.source.config.ValueMode;
import io.eventbridge.kafka.source.parse.EventParser;
import io.eventbridge.kafka.source.parse.MalformedMessageException;
import io.eventbridge.kafka.source.route.TopicRouter;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.junit.jupiter.api.Test;

class RecordFactoryTest {
    private static final EventParser PARSER = new EventParser(NonEnvelopeBehavior.WRAP, "sqs", "Message");
    private static final String DETAIL = "{\"orderId\":\"o-7\",\"total\":12.5}";

    private static RecordFactory factory(KeyMode key, String keyPath, ValueMode value) {
        return new RecordFactory(
                new TopicRouter("events.${source}", List.of()),
                key,
                keyPath,
                value,
                null,
                List.of("tenant"),
                "dlq",
                "src");
    }

    private static SqsMessage withTime(String time) {
        return Messages.message(
                "m-1",
                Messages.envelope("e-1", "Order Placed", "com.shop", DETAIL).replace("2026-11-23T10:00:00Z", time));
    }

    private static SqsSourceRecord record(RecordFactory factory, SqsMessage message) {
        return factory.record(message, PARSER.parse(message));
    }

    private static Map<String, Object> headers(SqsSourceRecord record) {
        Map<String, Object> out = new HashMap<>();
        for (Header h : record.headers()) {
            out.put(h.key(), h.value());
        }
        return out;
    }

    @Test
    void eventBridgeTimesReadTheSameAsInstantParse() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L));
            String text = instant.toString();
            if (text.length() == 20) { // four-digit years: the form EventBridge writes
                assertThat(EventTimes.epochMillis(text)).as(text).isEqualTo(instant.toEpochMilli());
            }
        }
        assertThat(EventTimes.epochMillis("2024-02-29T23:59:59Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59Z").toEpochMilli());
    }

    @Test
    void otherIsoInstantsAreReadAndNonsenseIsNot() {
        assertThat(EventTimes.epochMillis("2026-11-23T10:00:00.250Z"))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli() + 250);
        assertThat(EventTimes.epochMillis("2026-11-23T12:00:00+02:00"))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        for (String bad : List.of(
                "2026-02-30T10:00:00Z",
                "2026-13-01T10:00:00Z",
                "2026-11-23T25:00:00Z",
                "2026-11-23T10:60:00Z",
                "2026-11-2xT10:00:00Z",
                "yesterday",
                "",
                "2026-11-23 10:00:00Z")) {
            assertThat(EventTimes.epochMillis(bad)).as(bad).isEqualTo(EventTimes.UNREADABLE);
        }
    }

    @Test
    void theRecordTimestampIsTheEventTimeUnlessItIsUnreadableOrFarAhead() {
        RecordFactory factory = factory(KeyMode.ID, null, ValueMode.DETAIL);
        assertThat(record(factory, withTime("2026-11-23T10:00:00Z")).timestamp())
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        long sent = Messages.message("x", "{}").sentTimestamp();
        assertThat(record(factory, withTime("not a time")).timestamp()).isEqualTo(sent);
        String nextYear = Instant.now()
                .plusSeconds(366L * 24 * 3600)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        assertThat(record(factory, withTime(nextYear)).timestamp()).isEqualTo(sent);
    }

    @Test
    void keysFollowTheKeyMode() {
        SqsMessage standard = withTime("2026-11-23T10:00:00Z");
        SqsMessage fifo = new SqsMessage(
                Messages.QUEUE + ".fifo",
                "m-2",
                "rh",
                standard.body(),
                Map.of(SqsMessage.SENT_TIMESTAMP, "1763900000000", SqsMessage.MESSAGE_GROUP_ID, "customer-9"),
                Map.of(),
                1763900000500L);
        assertThat(record(factory(KeyMode.AUTO, null, ValueMode.DETAIL), standard)
                        .key())
                .isEqualTo("e-1");
        assertThat(record(factory(KeyMode.AUTO, null, ValueMode.DETAIL), fifo).key())
                .isEqualTo("customer-9");
        assertThat(record(factory(KeyMode.DETAIL_PATH, "$.orderId", ValueMode.DETAIL), standard)
                        .key())
                .isEqualTo("o-7");
        SqsSourceRecord none = record(factory(KeyMode.NONE, null, ValueMode.DETAIL), standard);
        assertThat(none.key()).isNull();
        assertThat(none.keySchema()).isNull();
    }

    @Test
    void headersCarryTheEnvelopeAndTheChosenMessageAttributes() {
        SqsMessage message = withTime("2026-11-23T10:00:00Z");
        SqsMessage withAttribute = new SqsMessage(
                message.queueUrl(),
                message.messageId(),
                message.receiptHandle(),
                message.body(),
                message.attributes(),
                Map.of("tenant", "acme", "other", "not chosen"),
                0);
        SqsSourceRecord record = record(factory(KeyMode.ID, null, ValueMode.ENVELOPE), withAttribute);
        assertThat(record.topic()).isEqualTo("events.com.shop");
        assertThat(headers(record))
                .containsEntry("eventbridge.id", "e-1")
                .containsEntry("eventbridge.source", "com.shop")
                .containsEntry("eventbridge.detail-type", "Order Placed")
                .containsEntry("eventbridge.account", "123456789012")
                .containsEntry("eventbridge.region", "us-east-1")
                .containsEntry("eventbridge.time", "2026-11-23T10:00:00Z")
                .containsEntry("eventbridge.resources", "[\"arn:aws:ec2:us-east-1:123456789012:instance/i-1\"]")
                .containsEntry("sqs.message.id", "m-1")
                .containsEntry("sqs.attribute.tenant", "acme")
                .doesNotContainKey("sqs.attribute.other")
                .doesNotContainKey("eventbridge.replay-name");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) record.value();
        assertThat(value)
                .containsEntry("id", "e-1")
                .containsEntry("detail-type", "Order Placed")
                .containsEntry("detail", Map.of("orderId", "o-7", "total", 12.5));
    }

    @Test
    void aCloudEventValueCarriesTheDetailTextAsItsData() {
        SqsSourceRecord record =
                record(factory(KeyMode.ID, null, ValueMode.CLOUDEVENT), withTime("2026-11-23T10:00:00Z"));
        Struct value = (Struct) record.value();
        assertThat(value.getString(CloudEventSchema.ID)).isEqualTo("e-1");
        assertThat(value.getString(CloudEventSchema.TYPE)).isEqualTo("Order Placed");
        assertThat(value.getString(CloudEventSchema.DATA)).isEqualTo(DETAIL);
    }

    @Test
    void aMalformedBodyBecomesADeadLetterRecordWithTheRawBodyAndTheReason() {
        SqsMessage message = Messages.message("m-9", "{not json");
        SqsSourceRecord record = factory(KeyMode.ID, null, ValueMode.DETAIL)
                .deadLetter(message, new MalformedMessageException("body is not valid JSON"));
        assertThat(record.topic()).isEqualTo("dlq");
        assertThat(record.value()).isEqualTo("{not json");
        assertThat(record.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(record.message()).isSameAs(message);
        assertThat(headers(record))
                .containsEntry(DeadLetterReporter.HEADER_ERROR_CODE, "MalformedMessage")
                .containsEntry(DeadLetterReporter.HEADER_ERROR_MESSAGE, "body is not valid JSON")
                .containsEntry("sqs.message.id", "m-9");
        RecordFactory noDlq = new RecordFactory(
                new TopicRouter("t", List.of()), KeyMode.ID, null, ValueMode.DETAIL, null, List.of(), null, "src");
        assertThat(noDlq.deadLetter(message, new MalformedMessageException("x")))
                .isNull();
    }
}
