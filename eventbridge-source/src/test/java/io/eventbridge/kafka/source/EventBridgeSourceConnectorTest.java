package io.eventbridge.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class EventBridgeSourceConnectorTest {
    static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of(
                "name",
                "events",
                "aws.sqs.queue.urls",
                "https://sqs.us-east-1.amazonaws.com/123456789012/a,https://sqs.us-east-1.amazonaws.com/123456789012/b",
                "aws.sqs.region",
                "us-east-1",
                "topic",
                "events",
                "dead.letter.topic",
                "events-dlq"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void spreadsQueuesTimesLoopsOverTheTasks() {
        EventBridgeSourceConnector connector = new EventBridgeSourceConnector();
        connector.start(props("sqs.receive.loops.per.queue", "3"));
        List<Map<String, String>> tasks = connector.taskConfigs(4);
        assertThat(tasks).hasSize(4);
        List<String> all = tasks.stream()
                .flatMap(t -> List.of(t.get("task.receive.loops").split(",")).stream())
                .toList();
        assertThat(all).hasSize(6);
        assertThat(all.stream().filter(u -> u.endsWith("/a"))).hasSize(3);
        assertThat(tasks.get(0).get("task.receive.loops").split(",")).hasSize(2);
        assertThat(connector.taskConfigs(10)).as("never more tasks than loops").hasSize(6);
    }

    @Test
    void subscriptionModeIsValidatedAtTheFieldsItIsAbout() {
        EventBridgeSourceConnector connector = new EventBridgeSourceConnector();
        Map<String, String> managed =
                props("subscription.mode", "managed", "subscription.event.pattern", "{\"source\":[\"com.example\"]}");
        assertThat(errors(connector, managed).get("aws.sqs.queue.urls"))
                .anyMatch(m -> m.contains("remove " + "aws.sqs.queue.urls"));
        managed.remove("aws.sqs.queue.urls");
        assertThat(errors(connector, managed).values()).allMatch(List::isEmpty);

        Map<String, String> noPattern = new HashMap<>(managed);
        noPattern.remove("subscription.event.pattern");
        assertThat(errors(connector, noPattern).get("subscription.event.pattern"))
                .anyMatch(m -> m.contains("needs an " + "event pattern"));
        Map<String, String> bad = new HashMap<>(managed);
        bad.put("subscription.event.pattern", "{\"source\": 5}");
        bad.put("subscription.event.bus", "arn:aws:events:us-east-1:12:event-bus/x");
        bad.put("subscription.queue.type", "fifo");
        bad.put("subscription.queue.name", "orders");
        bad.put("subscription.target.dead.letter.arn", "arn:aws:sqs:us-east-1:123456789012:d.fifo");
        Map<String, List<String>> errors = errors(connector, bad);
        assertThat(errors.get("subscription.event.pattern"))
                .anyMatch(m -> m.contains("Not a valid EventBridge event " + "pattern"));
        assertThat(errors.get("subscription.event.bus")).anyMatch(m -> m.contains("neither an event bus name"));
        assertThat(errors.get("subscription.queue.name")).anyMatch(m -> m.contains("ends in .fifo"));
        assertThat(errors.get("subscription.target.dead.letter.arn")).anyMatch(m -> m.contains("cannot be FIFO"));

        Map<String, String> none = props();
        none.remove("aws.sqs.queue.urls");
        assertThat(errors(connector, none).get("aws.sqs.queue.urls")).anyMatch(m -> m.contains("required unless"));
    }

    @Test
    void validationPointsAtTheWrongField() {
        EventBridgeSourceConnector connector = new EventBridgeSourceConnector();
        Map<String, List<String>> errors =
                errors(connector, props("aws.sqs.queue.urls", "not-a-url", "aws.sqs.region", "mars-1"));
        assertThat(errors.get("aws.sqs.queue.urls")).anyMatch(m -> m.contains("not an SQS queue URL"));
        assertThat(errors.get("aws.sqs.region")).anyMatch(m -> m.contains("Unknown AWS region"));

        errors = errors(
                connector,
                props(
                        "routes",
                        "r1",
                        "route.r1.pattern",
                        "{\"source\": 5}",
                        "route.r1.topic",
                        "x",
                        "key.mode",
                        "detail-path"));
        assertThat(errors.get("routes")).anyMatch(m -> m.contains("Route 'r1' has an invalid event pattern"));
        assertThat(errors.get("key.detail.path")).anyMatch(m -> m.contains("needs key.detail.path"));

        Map<String, String> noDlq = props();
        noDlq.remove("dead.letter.topic");
        assertThat(errors(connector, noDlq).get("dead.letter.topic"))
                .anyMatch(m -> m.contains("malformed.behavior=leave"));
        assertThat(errors(connector, props()).values()).allMatch(List::isEmpty);

        errors = errors(
                connector,
                props(
                        "replay.archive.arn",
                        "arn:aws:events:us-east-1:123456789012:archive/a",
                        "replay.start",
                        "2026-11-02T00:00:00Z",
                        "replay.end",
                        "yesterday"));
        assertThat(errors.get("replay.end")).anyMatch(m -> m.contains("not an ISO-8601 instant"));
        errors = errors(connector, props("replay.archive.arn", "archive-a"));
        assertThat(errors.get("replay.archive.arn")).anyMatch(m -> m.contains("Not an EventBridge archive ARN"));
        assertThat(errors.get("replay.start")).anyMatch(m -> m.contains("required with replay.archive.arn"));
    }

    @Test
    void aReplayKeepsItsNameForTheSameConfigurationOnly() {
        var spec = new io.eventbridge.kafka.source.replay.ReplaySpec(
                "arn:aws:events:us-east-1:1:archive/a",
                java.time.Instant.parse("2026-11-01T00:00:00Z"),
                java.time.Instant.parse("2026-11-02T00:00:00Z"),
                List.of());
        var other = new io.eventbridge.kafka.source.replay.ReplaySpec(
                spec.archiveArn(), spec.start(), java.time.Instant.parse("2026-11-03T00:00:00Z"), List.of());
        assertThat(spec.name("orders source"))
                .isEqualTo(spec.name("orders source"))
                .startsWith("kc-orders-source-")
                .matches("[A-Za-z0-9_.-]{1,64}");
        assertThat(other.name("orders source")).isNotEqualTo(spec.name("orders source"));
        assertThat(spec.name("x".repeat(100))).hasSize(64);
    }

    @Test
    void saysHonestlyThatItIsNotExactlyOnce() {
        assertThat(new EventBridgeSourceConnector().exactlyOnceSupport(props()))
                .isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
    }

    private static Map<String, List<String>> errors(EventBridgeSourceConnector connector, Map<String, String> props) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : connector.validate(props).configValues()) {
            out.put(v.name(), v.errorMessages());
        }
        return out;
    }
}
