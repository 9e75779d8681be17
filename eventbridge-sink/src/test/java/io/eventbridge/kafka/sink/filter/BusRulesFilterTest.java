package io.eventbridge.kafka.sink.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusRulesFilterTest {
    private final SinkMetrics metrics = new SinkMetrics("bus-rules-test", "0");
    private final AtomicReference<BusRuleSet> bus = new AtomicReference<>();
    private BusRulesFilter filter;

    @AfterEach
    void close() {
        if (filter != null) {
            filter.close();
        }
        metrics.close();
    }

    private static JsonNode event(String source) throws Exception {
        return JsonRenderer.MAPPER.readTree("{\"source\":\"" + source + "\",\"detail-type\":\"t\",\"detail\":{}}");
    }

    private static BusRuleSet rules(String... namesAndPatterns) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPatterns.length; i += 2) {
            p.put(namesAndPatterns[i], namesAndPatterns[i + 1]);
        }
        return new BusRuleSet(p, null, p.size(), 0);
    }

    private BusRulesFilter start() {
        filter = new BusRulesFilter(
                bus::get, () -> {}, "arn:aws:events:us-east-1:123456789012:event-bus/b", 0, true, metrics, "test");
        return filter;
    }

    @Test
    void sendsOnlyWhatSomeRuleWants() throws Exception {
        bus.set(rules("rule/a", "{\"source\":[\"a\"]}", "archive/x", "{\"source\":[\"x\"]}"));
        start();
        assertThat(filter.wants(event("a"))).isTrue();
        assertThat(filter.wants(event("x"))).isTrue();
        assertThat(filter.wants(event("b"))).isFalse();
        assertThat(filter.failsOpen()).isFalse();
        assertThat(metrics.value("event-filter-patterns")).isEqualTo(2.0);
    }

    @Test
    void aRuleAddedOnTheBusCountsFromTheNextRefresh() throws Exception {
        bus.set(rules("rule/a", "{\"source\":[\"a\"]}"));
        start();
        bus.set(rules("rule/a", "{\"source\":[\"a\"]}", "rule/b", "{\"source\":[\"b\"]}"));
        assertThat(filter.wants(event("b"))).isFalse();
        filter.refresh();
        assertThat(filter.wants(event("b"))).isTrue();
        assertThat(metrics.value("event-filter-refreshes-total")).isEqualTo(2.0);
    }

    @Test
    void failsOpenWhileTheReaderCannotBeSureAndFiltersAgainAfter() throws Exception {
        bus.set(BusRuleSet.open("archive all has no pattern: it archives every event"));
        start();
        assertThat(filter.wants(event("anything"))).isTrue();
        assertThat(metrics.value("event-filter-fail-open")).isEqualTo(1.0);
        assertThat(metrics.value("events-sent-fail-open-total")).isEqualTo(1.0);
        bus.set(rules("rule/a", "{\"source\":[\"a\"]}"));
        filter.refresh();
        assertThat(filter.wants(event("anything"))).isFalse();
        assertThat(metrics.value("event-filter-fail-open")).isEqualTo(0.0);
    }

    @Test
    void aReaderThatThrowsFailsOpen() throws Exception {
        filter = new BusRulesFilter(
                () -> {
                    throw new IllegalStateException("network down");
                },
                () -> {},
                "bus",
                0,
                false,
                metrics,
                "test");
        assertThat(filter.wants(event("b"))).isTrue();
        assertThat(filter.failsOpen()).isTrue();
    }
}
