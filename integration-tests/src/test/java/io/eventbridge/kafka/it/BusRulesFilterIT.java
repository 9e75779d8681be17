package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.detail;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static io.eventbridge.kafka.it.SinkTestSupport.taskMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * event.filter=bus-rules against the local EventBridge over the wire: the sink reads the bus's enabled rules and
 * archives (ListRules, ListArchives, DescribeArchive) and its schema discoverers (Schemas REST ListDiscoverers),
 * sends only what one of them would match, picks up a new rule at the next refresh, and sends everything, with the
 * metric, whenever it cannot be sure.
 */
class BusRulesFilterIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static EventBridgeClient client() {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(eventBridge.endpoint()))
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
    }

    private static String kind(String k) {
        return "{\"detail\":{\"kind\":[\"" + k + "\"]}}";
    }

    private static Map<String, String> sink(String topic, String bus) {
        Map<String, String> config = stack.sinkConfig(topic, bus);
        config.put("event.detail.mode", "value");
        config.put("event.filter", "bus-rules");
        config.put("event.filter.refresh.ms", "1000");
        config.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        return config;
    }

    private static List<String> kindsReceived(String bus) {
        return eventBridge.events().stream()
                .filter(e -> e.eventBus().equals(bus))
                .map(e -> detail(e).path("kind").asText())
                .sorted()
                .toList();
    }

    @AfterEach
    void liftPolicies() {
        eventBridge.iam().identityPolicy(LocalEventBridge.ACCESS_KEY, null);
    }

    @Test
    void sendsOnlyWhatARuleOrAnArchiveWantsAndHonoursARuleAddedAtRuntimeAfterOneRefresh() throws Exception {
        connect.kafka().createTopic("bus-rules", 1);
        String bus = "bus-rules-bus";
        String arn = eventBridge.createBus(bus);
        try (EventBridgeClient events = client()) {
            events.putRule(r -> r.name("wants-a").eventBusName(bus).eventPattern(kind("A")));
            events.putRule(r -> r.name("disabled-c")
                    .eventBusName(bus)
                    .eventPattern(kind("C"))
                    .state("DISABLED"));
            events.createArchive(
                    r -> r.archiveName("keeps-b").eventSourceArn(arn).eventPattern(kind("B")));
            connect.configureConnector("bus-rules-sink", sink("bus-rules", bus));
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("bus-rules-sink", 1, "did not start");

            produce(connect, "bus-rules", 0, 30, i -> "{\"n\":" + i + ",\"kind\":\"" + "ABC".charAt(i % 3) + "\"}");
            await().atMost(TIMEOUT).until(() -> taskMetric("bus-rules-sink", "events-filtered-total") == 10);
            await().atMost(TIMEOUT).until(() -> kindsReceived(bus).size() == 20);
            assertThat(kindsReceived(bus)).containsOnly("A", "B");
            assertThat(taskMetric("bus-rules-sink", "event-filter-fail-open")).isZero();
            assertThat(taskMetric("bus-rules-sink", "event-filter-patterns")).isEqualTo(2);

            events.enableRule(r -> r.name("disabled-c").eventBusName(bus));
            double refreshes = taskMetric("bus-rules-sink", "event-filter-refreshes-total");
            await().atMost(TIMEOUT)
                    .until(() -> taskMetric("bus-rules-sink", "event-filter-refreshes-total")
                            >= refreshes + 2); // a whole refresh after the change
            produce(connect, "bus-rules", 30, 3, i -> "{\"n\":" + i + ",\"kind\":\"C\"}");
            await().atMost(TIMEOUT).until(() -> kindsReceived(bus).size() == 23);
            assertThat(kindsReceived(bus)).filteredOn("C"::equals).hasSize(3);
            assertThat(taskMetric("bus-rules-sink", "events-filtered-total")).isEqualTo(10);
        } finally {
            connect.deleteConnector("bus-rules-sink");
        }
    }

    /** What makes the sink unsure which events are wanted; each must make it send everything. */
    enum Unsure {
        ARCHIVE_WITHOUT_PATTERN,
        SCHEMA_DISCOVERER,
        UNPARSABLE_RULE_PATTERN,
        RULES_UNREADABLE,
        TOO_MANY_RULES
    }

    @ParameterizedTest
    @EnumSource(Unsure.class)
    void failsOpenSendingEveryEventWithTheMetricWhenItCannotBeSure(Unsure unsure) throws Exception {
        String name = "open-" + unsure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        connect.kafka().createTopic(name, 1);
        String bus = name + "-bus";
        String arn = eventBridge.createBus(bus);
        Map<String, String> config = sink(name, bus);
        try (EventBridgeClient events = client()) {
            events.putRule(r -> r.name("wants-a").eventBusName(bus).eventPattern(kind("A")));
            switch (unsure) {
                case ARCHIVE_WITHOUT_PATTERN ->
                    events.createArchive(r -> r.archiveName(name).eventSourceArn(arn));
                case SCHEMA_DISCOVERER -> eventBridge.startSchemaDiscovery(arn);
                case UNPARSABLE_RULE_PATTERN ->
                    eventBridge.putRuleAsIs(
                            bus, "newer-feature", "{\"detail\":{\"kind\":[{\"operator-from-the-future\":\"A\"}]}}");
                case RULES_UNREADABLE ->
                    eventBridge
                            .iam()
                            .identityPolicy(
                                    LocalEventBridge.ACCESS_KEY,
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                                            + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"events:ListRules\",\"Resource\":\"*\"}]}");
                case TOO_MANY_RULES -> {
                    events.putRule(r -> r.name("wants-b").eventBusName(bus).eventPattern(kind("B")));
                    events.putRule(r -> r.name("wants-c").eventBusName(bus).eventPattern(kind("C")));
                    config.put("event.filter.max.rules", "2");
                }
                default -> throw new IllegalStateException();
            }
            try (LogCapture warnings = LogCapture.start()) {
                connect.configureConnector(name, config);
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "did not start");
                produce(connect, name, 0, 10, i -> "{\"n\":" + i + ",\"kind\":\"Z\"}");
                await().atMost(TIMEOUT).until(() -> kindsReceived(bus).size() == 10);
                assertThat(taskMetric(name, "event-filter-fail-open")).isEqualTo(1);
                assertThat(taskMetric(name, "events-sent-fail-open-total")).isEqualTo(10);
                assertThat(taskMetric(name, "events-filtered-total")).isZero();
                assertThat(warnings.messages())
                        .anySatisfy(m -> assertThat(m).contains("sending every event to " + arn));
            }
        } finally {
            connect.deleteConnector(name);
        }
    }
}
