package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

/**
 * EventBridge -> rule -> SQS -> source -> Kafka on the local stack, and archive replay: events put on a bus
 * reach Kafka through a rule's queue target, and a configured replay delivers the archived ones again, with
 * replay-name, once, also across a connector restart.
 */
class RuleToSourceIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A plain synchronous SDK client. */
    private static EventBridgeClient eventBridgeClient() {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(eventBridge.endpoint()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
    }

    /** A queue, a bus and a one-partition topic; returns the queue URL. */
    private static String queueBusAndTopic(String queue, String bus, String topic) {
        eventBridge.createBus(bus);
        connect.kafka().createTopic(topic, 1);
        return stack.sqs().createQueue(queue);
    }

    private static long count(String topic) throws Exception {
        return connect.kafka().endOffset(new TopicPartition(topic, 0));
    }

    @Test
    void busEventsArriveThroughARuleAndAReplayDeliversThemAgainOnce() throws Exception {
        String queue = queueBusAndTopic("rule-target", "shop-bus", "shop-events");
        String bus = eventBridge.createBus("shop-bus");
        try (EventBridgeClient client = eventBridgeClient()) {
            String rule = client.putRule(b ->
                            b.name("to-queue").eventBusName("shop-bus").eventPattern("{\"source\":[\"com.shop\"]}"))
                    .ruleArn();
            stack.sqs().allowRules(queue, rule);
            client.putTargets(b -> b.rule("to-queue")
                    .eventBusName("shop-bus")
                    .targets(t -> t.id("queue").arn(LocalSqs.queueArn(queue))));
            String archive = client.createArchive(
                            b -> b.archiveName("shop-archive").eventSourceArn(bus))
                    .archiveArn();
            Instant before = Instant.now().minusSeconds(60);

            Map<String, String> config = stack.sourceConfig("shop-events", queue);
            connect.configureConnector("rule-source", config);
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                entries.add(PutEventsRequestEntry.builder()
                        .eventBusName(bus)
                        .source("com.shop")
                        .detailType("Order Placed")
                        .detail("{\"n\":" + i + "}")
                        .build());
            }
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName(bus)
                    .source("com.other")
                    .detailType("Ignored")
                    .detail("{}")
                    .build());
            assertThat(client.putEvents(b -> b.entries(entries)).failedEntryCount())
                    .isZero();
            await().atMost(TIMEOUT).until(() -> count("shop-events") == 5);

            config.put("replay.archive.arn", archive);
            config.put("replay.start", before.toString());
            config.put("replay.end", Instant.now().plusSeconds(60).toString());
            config.put("replay.rule.arns", rule);
            config.put("replay.eventbridge.endpoint.uri", eventBridge.endpoint());
            connect.configureConnector("rule-source", config);
            await().atMost(TIMEOUT).until(() -> count("shop-events") == 10);
            List<String> replayNames = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : connect.kafka().consume(10, TIMEOUT.toMillis(), "shop-events")) {
                var h = r.headers().lastHeader("eventbridge.replay-name");
                if (h != null) {
                    replayNames.add(new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(replayNames).hasSize(5).allMatch(n -> n.startsWith("kc-rule-source-"));
            String replay = replayNames.get(0);
            await().atMost(TIMEOUT)
                    .until(() ->
                            client.describeReplay(b -> b.replayName(replay)).state() == ReplayState.COMPLETED);

            // a restart finds the replay in its offsets (and EventBridge knows the name): nothing is replayed again
            Thread.sleep(2_000); // let the offsets of the replayed records be committed (offset.flush 1 s)
            connect.restartConnectorAndTasks("rule-source", false, true, false);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("rule-source", 1, "restarted");
            Thread.sleep(5_000);
            assertThat(count("shop-events")).isEqualTo(10);
            assertThat(stack.sqs().visible(queue) + stack.sqs().inFlight(queue)).isZero();
        }
        connect.deleteConnector("rule-source");
    }

    @Test
    void anInputTransformerShapesTheBodyAndTheSourceWrapsIt() throws Exception {
        String queue = queueBusAndTopic("transformed", "shaped-bus", "shaped-events");
        try (EventBridgeClient client = eventBridgeClient()) {
            String rule = client.putRule(b ->
                            b.name("shaped").eventBusName("shaped-bus").eventPattern("{\"source\":[\"com.shop\"]}"))
                    .ruleArn();
            stack.sqs().allowRules(queue, rule);
            client.putTargets(b -> b.rule("shaped")
                    .eventBusName("shaped-bus")
                    .targets(t -> t.id("queue")
                            .arn(LocalSqs.queueArn(queue))
                            .inputTransformer(
                                    x -> x.inputPathsMap(Map.of("order", "$.detail.orderId", "type", "$.detail-type"))
                                            .inputTemplate("{\"order\":<order>,\"what\":\"<type> #<order>\"}"))));
            Map<String, String> config = stack.sourceConfig("shaped-events", queue);
            config.put("value.mode", "detail");
            config.put("fallback.source", "com.shop.transformed");
            config.put("fallback.detail.type", "Shaped Order");
            connect.configureConnector("shaped-source", config);
            assertThat(client.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                                    .source("com.shop")
                                    .detailType("Order Placed")
                                    .detail("{\"orderId\":7,\"x\":1}")
                                    .eventBusName("shaped-bus")
                                    .build()))
                            .failedEntryCount())
                    .isZero();

            ConsumerRecord<byte[], byte[]> record = connect.kafka()
                    .consume(1, TIMEOUT.toMillis(), "shaped-events")
                    .iterator()
                    .next();
            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"order\":7,\"what\":\"Order Placed #7\"}");
            assertThat(new String(
                            record.headers().lastHeader("eventbridge.source").value(), StandardCharsets.UTF_8))
                    .isEqualTo("com.shop.transformed");
            await().atMost(TIMEOUT)
                    .until(() -> stack.sqs().visible(queue) + stack.sqs().inFlight(queue) == 0);
        }
        connect.deleteConnector("shaped-source");
    }
}
