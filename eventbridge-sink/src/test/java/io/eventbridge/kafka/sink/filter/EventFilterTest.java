package io.eventbridge.kafka.sink.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventFilterTest {
    private static EventBridgeSinkConfig config(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of(
                "aws.eventbridge.connector.id",
                "c",
                "aws.eventbridge.eventbus.arn",
                "arn:aws:events:eu-west-1:111122223333:event-bus/orders",
                "aws.eventbridge.region",
                "eu-west-1"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new EventBridgeSinkConfig(p);
    }

    private static PutEventsRequestEntry entry(String source, String detail) {
        return PutEventsRequestEntry.builder()
                .source(source)
                .detailType("Order Placed")
                .detail(detail)
                .resources("arn:aws:x:1")
                .time(Instant.parse("2026-12-01T10:00:00.123Z"))
                .build();
    }

    @Test
    void noPatternNoFilter() {
        assertThat(Filters.create(config(), null, null)).isNull();
    }

    @Test
    void matchesTheEventInTheShapeRulesSeeIt() throws Exception {
        EventFilter filter = Filters.create(
                config(
                        "event.filter.pattern",
                        "{\"source\":[\"shop\"],"
                                + "\"account\":[\"111122223333\"],\"region\":[\"eu-west-1\"],\"resources\":[\"arn:aws:x:1\"],"
                                + "\"detail\":{\"total\":[{\"numeric\":[\">=\",10]}]}}"),
                null,
                null);
        assertThat(filter.wants(entry("shop", "{\"total\":12}"))).isTrue();
        assertThat(filter.wants(entry("shop", "{\"total\":9}"))).isFalse();
        assertThat(filter.wants(entry("other", "{\"total\":12}"))).isFalse();
        var envelope = filter.envelope(entry("shop", "{\"total\":12}"));
        assertThat(envelope.path("time").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(envelope.path("detail-type").asText()).isEqualTo("Order Placed");
    }

    @Test
    void theAccountCanBeTheSendersOwn() {
        EventFilter filter = Filters.create(
                config(
                        "event.filter.pattern",
                        "{\"account\":[\"444455556666\"]}",
                        "event.filter.account",
                        "444455556666"),
                null,
                null);
        assertThat(filter.wants(entry("shop", "{}"))).isTrue();
    }

    @Test
    void anEntryThatCannotBeMatchedIsSentNotLost() {
        EventFilter filter = Filters.create(config("event.filter.pattern", "{\"source\":[\"shop\"]}"), null, null);
        assertThat(filter.wants(entry("other", "not json"))).isTrue();
    }
}
