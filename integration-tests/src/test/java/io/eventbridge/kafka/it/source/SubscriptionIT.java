package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.LogCapture;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalIam;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Subscription mode end to end: one connector config (a bus, a pattern, a topic) and the connector creates its queue,
 * dead-letter queue, queue policy, rules and targets on the local account, tagged, then events put on the bus by the
 * real SDK arrive in Kafka. Restarts create nothing twice, a changed pattern takes effect, a removed one removes its
 * rule; cross-account buses work with the bus owner's policy and fail naming the refused action without it; partner
 * buses work; two connectors on one bus each get only their own events; a queue policy changed by hand sends the
 * events to the target's dead-letter queue instead of losing them.
 */
class SubscriptionIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "kafka-connect-eventbridge:connector";

    private static EventBridgeClient events(LocalIam.Credentials as) {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(eventBridge.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(as.accessKeyId(), as.secretAccessKey())))
                .build();
    }

    private static LocalIam.Credentials own() {
        return eventBridge.iam().account(LocalIam.DEFAULT_ACCOUNT);
    }

    /** A managed source config: bus, pattern, topic, and the local endpoints. */
    private static Map<String, String> subscription(String topic, String bus, String pattern) {
        Map<String, String> config = stack.sourceConfig(topic);
        config.put("subscription.mode", "managed");
        config.put("subscription.event.bus", bus);
        if (pattern != null) {
            config.put("subscription.event.pattern", pattern);
        }
        config.put("aws.eventbridge.endpoint.uri", eventBridge.endpoint());
        return config;
    }

    private static void put(EventBridgeClient client, String bus, String source, int count) {
        for (int from = 0; from < count; from += 10) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 10); i++) {
                entries.add(PutEventsRequestEntry.builder()
                        .eventBusName(bus)
                        .source(source)
                        .detailType("Order Placed")
                        .detail("{\"n\":" + i + "}")
                        .build());
            }
            assertThat(client.putEvents(b -> b.entries(entries)).failedEntryCount())
                    .isZero();
        }
    }

    private static long count(String topic) throws Exception {
        return connect.kafka().endOffset(new TopicPartition(topic, 0));
    }

    private static String queueUrl(String name) {
        return stack.sqs().client().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    private static Map<QueueAttributeName, String> attributes(String name) {
        return stack.sqs()
                .client()
                .getQueueAttributes(b -> b.queueUrl(queueUrl(name)).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    private static Map<String, String> tags(EventBridgeClient client, String arn) {
        Map<String, String> out = new HashMap<>();
        for (Tag t : client.listTagsForResource(b -> b.resourceARN(arn)).tags()) {
            out.put(t.key(), t.value());
        }
        return out;
    }

    private static List<Rule> rules(EventBridgeClient client, String bus, String prefix) {
        return client.listRules(b -> b.eventBusName(bus).namePrefix(prefix)).rules();
    }

    private static String trace(String connector) {
        var status = connect.connectorStatus(connector);
        return status.connector().trace();
    }

    private static void awaitFailed(String connector) {
        await().atMost(TIMEOUT).until(() -> {
            try {
                return AbstractStatus.State.FAILED
                        .toString()
                        .equals(connect.connectorStatus(connector).connector().state());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @Test
    void oneConfigOnAnEmptyAccountCreatesEveryResourceTaggedAndEveryEventArrives() throws Exception {
        connect.kafka().createTopic("sub-orders", 1);
        try (EventBridgeClient client = events(own())) {
            connect.configureConnector(
                    "orders-sub", subscription("sub-orders", "default", "{\"source\":[\"com.sub.orders\"]}"));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("orders-sub", 1, "did not start");

            // what it created: queue with SSE, visibility, redrive; DLQ; a policy for its rule only; the rule and
            // target
            Map<QueueAttributeName, String> queue = attributes("eventbridge-orders-sub");
            assertThat(queue.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
            assertThat(queue.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("60");
            JsonNode redrive = JSON.readTree(queue.get(QueueAttributeName.REDRIVE_POLICY));
            assertThat(redrive.path("deadLetterTargetArn").asText()).endsWith(":eventbridge-orders-sub-dlq");
            assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(10);
            List<Rule> rules = rules(client, "default", "kc-orders-sub-");
            assertThat(rules).extracting(Rule::name).containsExactly("kc-orders-sub-default");
            String ruleArn = rules.get(0).arn();
            JsonNode statement = JSON.readTree(queue.get(QueueAttributeName.POLICY))
                    .path("Statement")
                    .get(0);
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
            assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
            assertThat(statement
                            .path("Condition")
                            .path("ArnEquals")
                            .path("aws:SourceArn")
                            .get(0)
                            .asText())
                    .isEqualTo(ruleArn);
            assertThat(tags(client, ruleArn)).containsEntry(TAG, "orders-sub");
            for (String q : List.of("eventbridge-orders-sub", "eventbridge-orders-sub-dlq")) {
                assertThat(stack.sqs()
                                .client()
                                .listQueueTags(b -> b.queueUrl(queueUrl(q)))
                                .tags())
                        .containsEntry(TAG, "orders-sub");
            }
            Target target = client.listTargetsByRule(b -> b.rule("kc-orders-sub-default"))
                    .targets()
                    .get(0);
            assertThat(target.arn()).endsWith(":eventbridge-orders-sub");
            assertThat(target.retryPolicy().maximumRetryAttempts()).isEqualTo(185);
            assertThat(target.deadLetterConfig().arn()).endsWith(":eventbridge-orders-sub-dlq");

            put(client, "default", "com.sub.orders", 50);
            put(client, "default", "com.sub.other", 5);
            await().atMost(TIMEOUT).until(() -> count("sub-orders") == 50);
            Thread.sleep(1_000);
            assertThat(count("sub-orders")).isEqualTo(50);
            assertThat(eventBridge.failedInvocations()).isZero();
        }
        connect.deleteConnector("orders-sub");
    }

    @Test
    void aRestartCreatesNothingTwiceAChangedPatternTakesEffectAndARemovedPatternRemovesItsRule() throws Exception {
        connect.kafka().createTopic("recon-a", 1);
        connect.kafka().createTopic("recon-b", 1);
        eventBridge.createBus("recon-bus");
        Map<String, String> config = subscription("recon-a", "recon-bus", null);
        config.put("routes", "a,b");
        config.put("route.a.pattern", "{\"source\":[\"com.recon.a\"]}");
        config.put("route.a.topic", "recon-a");
        config.put("route.b.pattern", "{\"source\":[\"com.recon.b\"]}");
        config.put("route.b.topic", "recon-b");
        try (EventBridgeClient client = events(own())) {
            connect.configureConnector("recon", config);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("recon", 1, "did not start");
            assertThat(rules(client, "recon-bus", "kc-recon-"))
                    .extracting(Rule::name)
                    .containsExactlyInAnyOrder("kc-recon-a", "kc-recon-b");
            put(client, "recon-bus", "com.recon.a", 5);
            put(client, "recon-bus", "com.recon.b", 3);
            await().atMost(TIMEOUT).until(() -> count("recon-a") == 5 && count("recon-b") == 3);

            int queuesBefore = stack.sqs()
                    .client()
                    .listQueues(b -> b.queueNamePrefix("eventbridge-recon"))
                    .queueUrls()
                    .size();
            String policyBefore = attributes("eventbridge-recon").get(QueueAttributeName.POLICY);
            connect.restartConnectorAndTasks("recon", false, true, false);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("recon", 1, "did not restart");
            assertThat(stack.sqs()
                            .client()
                            .listQueues(b -> b.queueNamePrefix("eventbridge-recon"))
                            .queueUrls())
                    .hasSize(queuesBefore)
                    .hasSize(2);
            assertThat(rules(client, "recon-bus", "kc-recon-")).hasSize(2);
            assertThat(client.listTargetsByRule(b -> b.rule("kc-recon-a").eventBusName("recon-bus"))
                            .targets())
                    .hasSize(1);
            assertThat(attributes("eventbridge-recon").get(QueueAttributeName.POLICY))
                    .isEqualTo(policyBefore);

            // a changed pattern, and b removed: rule a is updated in place, rule b and its target are gone
            config.put("routes", "a");
            config.remove("route.b.pattern");
            config.remove("route.b.topic");
            config.put("route.a.pattern", "{\"source\":[\"com.recon.a2\"]}");
            connect.configureConnector("recon", config);
            // the reconciler removes rule b before it updates rule a, so wait for both
            await().atMost(TIMEOUT)
                    .until(() -> rules(client, "recon-bus", "kc-recon-").size() == 1
                            && client.describeRule(b -> b.name("kc-recon-a").eventBusName("recon-bus"))
                                    .eventPattern()
                                    .contains("com.recon.a2"));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("recon", 1, "did not reconfigure");
            put(client, "recon-bus", "com.recon.a2", 4);
            put(client, "recon-bus", "com.recon.a", 2);
            put(client, "recon-bus", "com.recon.b", 2);
            await().atMost(TIMEOUT).until(() -> count("recon-a") == 9);
            Thread.sleep(1_500);
            assertThat(count("recon-a")).isEqualTo(9);
            assertThat(count("recon-b")).isEqualTo(3);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                JsonNode statement = JSON.readTree(
                                attributes("eventbridge-recon").get(QueueAttributeName.POLICY))
                        .path("Statement")
                        .get(0);
                assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn"))
                        .hasSize(1);
            });
        }
        connect.deleteConnector("recon");
    }

    @Test
    void aBusInAnotherAccountWorksWithItsOwnersPolicyAndFailsNamingTheRefusedActionWithout() throws Exception {
        LocalIam.Credentials accountA = eventBridge.iam().account("111111111111");
        String busArn = eventBridge.createBus("111111111111", "central");
        connect.kafka().createTopic("cross", 1);
        Map<String, String> config = subscription("cross", busArn, "{\"source\":[\"com.central\"]}");
        try (EventBridgeClient a = events(accountA)) {
            connect.configureConnector("cross-sub", config);
            awaitFailed("cross-sub");
            assertThat(trace("cross-sub"))
                    .containsPattern("events:[A-Za-z]+ on arn:aws:events:us-east-1:111111111111:")
                    .contains("AccessDeniedException")
                    .contains("because no resource-based policy allows")
                    .contains("its bus policy must allow it too");
            connect.deleteConnector("cross-sub");

            // A lets the connector's account manage the rules it creates on A's bus
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"KafkaConnectRules\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + LocalIam.DEFAULT_ACCOUNT
                    + ":root\"},"
                    + "\"Action\":[\"events:PutRule\",\"events:PutTargets\",\"events:DeleteRule\",\"events:RemoveTargets\","
                    + "\"events:DescribeRule\",\"events:ListTargetsByRule\",\"events:ListRules\",\"events:TagResource\","
                    + "\"events:ListTagsForResource\"],"
                    + "\"Resource\":[\"arn:aws:events:us-east-1:111111111111:rule/central/*\",\"" + busArn + "\"],"
                    + "\"Condition\":{\"StringEqualsIfExists\":{\"events:creatorAccount\":\"" + LocalIam.DEFAULT_ACCOUNT
                    + "\"}}}]}";
            a.putPermission(b -> b.eventBusName("central").policy(policy));
            connect.configureConnector("cross-sub", config);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("cross-sub", 1, "did not start");
            put(a, "central", "com.central", 20);
            await().atMost(TIMEOUT).until(() -> count("cross") == 20);
            ConsumerRecord<byte[], byte[]> record = connect.kafka()
                    .consume(1, TIMEOUT.toMillis(), "cross")
                    .iterator()
                    .next();
            assertThat(JSON.readTree(record.value()).path("account").asText()).isEqualTo("111111111111");
            assertThat(rules(a, "central", "kc-cross-sub-").get(0).arn())
                    .isEqualTo("arn:aws:events:us-east-1:111111111111:rule/central/kc-cross-sub-default");
        }
        connect.deleteConnector("cross-sub");
    }

    @Test
    void aPartnerEventBusDeliversThePartnersEvents() throws Exception {
        LocalIam.Credentials partner = eventBridge.iam().account("222222222222");
        String source = "aws.partner/example.com/4711/orders";
        connect.kafka().createTopic("partner", 1);
        try (EventBridgeClient saas = events(partner);
                EventBridgeClient client = events(own())) {
            saas.createPartnerEventSource(b -> b.name(source).account(LocalIam.DEFAULT_ACCOUNT));
            client.createEventBus(b -> b.name(source).eventSourceName(source));
            connect.configureConnector(
                    "partner-sub", subscription("partner", source, "{\"source\":[\"" + source + "\"]}"));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("partner-sub", 1, "did not start");
            List<software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsRequestEntry> entries =
                    new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                entries.add(software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsRequestEntry.builder()
                        .source(source)
                        .detailType("Order Shipped")
                        .detail("{\"n\":" + i + "}")
                        .build());
            }
            assertThat(saas.putPartnerEvents(b -> b.entries(entries)).failedEntryCount())
                    .isZero();
            await().atMost(TIMEOUT).until(() -> count("partner") == 7);
        }
        connect.deleteConnector("partner-sub");
    }

    @Test
    void twoConnectorsWithDifferentPatternsOnOneBusEachGetOnlyTheirOwnEvents() throws Exception {
        eventBridge.createBus("shared-bus");
        connect.kafka().createTopic("shared-eu", 1);
        connect.kafka().createTopic("shared-us", 1);
        try (EventBridgeClient client = events(own())) {
            connect.configureConnector(
                    "eu-sub",
                    subscription(
                            "shared-eu",
                            "shared-bus",
                            "{\"source\":[\"com.shop\"],\"detail\":{\"n\":[{\"numeric\":[\"<\",5]}]}}"));
            connect.configureConnector(
                    "us-sub",
                    subscription(
                            "shared-us",
                            "shared-bus",
                            "{\"source\":[\"com.shop\"],\"detail\":{\"n\":[{\"numeric\":[\">=\",5]}]}}"));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("eu-sub", 1, "eu did not start");
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("us-sub", 1, "us did not start");
            put(client, "shared-bus", "com.shop", 12);
            await().atMost(TIMEOUT).until(() -> count("shared-eu") == 5 && count("shared-us") == 7);
            Thread.sleep(1_000);
            for (ConsumerRecord<byte[], byte[]> r : connect.kafka().consume(5, TIMEOUT.toMillis(), "shared-eu")) {
                assertThat(JSON.readTree(r.value()).path("detail").path("n").asInt())
                        .isLessThan(5);
            }
            assertThat(count("shared-eu") + count("shared-us")).isEqualTo(12);
        }
        connect.deleteConnector("eu-sub");
        connect.deleteConnector("us-sub");
    }

    @Test
    void aQueuePolicyChangedByHandSendsTheEventsToTheTargetsDeadLetterQueueInsteadOfLosingThem() throws Exception {
        connect.kafka().createTopic("hand", 1);
        eventBridge.createBus("hand-bus");
        try (EventBridgeClient client = events(own())) {
            connect.configureConnector("hand-sub", subscription("hand", "hand-bus", "{\"source\":[\"com.hand\"]}"));
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("hand-sub", 1, "did not start");
            put(client, "hand-bus", "com.hand", 3);
            await().atMost(TIMEOUT).until(() -> count("hand") == 3);

            String queue = queueUrl("eventbridge-hand-sub");
            String refusing = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\","
                    + "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/other\"}}}]}";
            stack.sqs()
                    .client()
                    .setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.POLICY, refusing)));
            put(client, "hand-bus", "com.hand", 4);
            String dlq = queueUrl("eventbridge-hand-sub-dlq");
            await().atMost(TIMEOUT).until(() -> eventBridge.deadLetteredInvocations() == 4);
            var received = stack.sqs()
                    .client()
                    .receiveMessage(b -> b.queueUrl(dlq)
                            .maxNumberOfMessages(10)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .waitTimeSeconds(2))
                    .messages();
            assertThat(received).isNotEmpty();
            assertThat(received.get(0).messageAttributes().get("ERROR_CODE").stringValue())
                    .isEqualTo("NO_PERMISSIONS");
            assertThat(received.get(0).messageAttributes().get("RULE_ARN").stringValue())
                    .endsWith(":rule/hand-bus/kc-hand-sub-default");
            assertThat(JSON.readTree(received.get(0).body()).path("source").asText())
                    .isEqualTo("com.hand");
            assertThat(eventBridge.droppedInvocations()).isZero();
            assertThat(count("hand")).isEqualTo(3);

            // a restart puts the connector's own policy back, and events flow again
            connect.restartConnectorAndTasks("hand-sub", false, true, false);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("hand-sub", 1, "did not restart");
            await().atMost(TIMEOUT)
                    .until(() -> attributes("eventbridge-hand-sub")
                            .get(QueueAttributeName.POLICY)
                            .contains("kc-hand-sub-default"));
            put(client, "hand-bus", "com.hand", 2);
            await().atMost(TIMEOUT).until(() -> count("hand") == 5);
        }
        connect.deleteConnector("hand-sub");
    }

    @Test
    void aMissingPermissionAMissingBusOrAForeignResourceOfTheSameNameFailsTheStartSayingWhatToFix() throws Exception {
        connect.kafka().createTopic("denied", 1);
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"events:PutRule\",\"Resource\":\"*\"}]}";
        eventBridge.iam().identityPolicy(LocalEventBridge.ACCESS_KEY, deny);
        try {
            connect.configureConnector("denied-sub", subscription("denied", "default", "{\"source\":[\"com.d\"]}"));
            awaitFailed("denied-sub");
            assertThat(trace("denied-sub"))
                    .contains("events:PutRule on arn:aws:events:us-east-1:123456789012:rule/" + "kc-denied-sub-default")
                    .contains("identity-based policy")
                    .contains("docs/iam.md");
        } finally {
            eventBridge.iam().identityPolicy(LocalEventBridge.ACCESS_KEY, null);
        }
        connect.deleteConnector("denied-sub");

        connect.configureConnector("nobus-sub", subscription("denied", "no-such-bus", "{\"source\":[\"com.n\"]}"));
        awaitFailed("nobus-sub");
        assertThat(trace("nobus-sub"))
                .contains("events:DescribeEventBus on no-such-bus failed with " + "ResourceNotFoundException")
                .contains("Check that the bus exists");
        connect.deleteConnector("nobus-sub");

        stack.sqs().createQueue("eventbridge-foreign-sub"); // someone else's queue, without the connector's tag
        connect.configureConnector("foreign-sub", subscription("denied", "default", "{\"source\":[\"com.f\"]}"));
        awaitFailed("foreign-sub");
        assertThat(trace("foreign-sub"))
                .contains("eventbridge-foreign-sub exists but is not tagged " + TAG + "=foreign-sub");
        connect.deleteConnector("foreign-sub");
        assertThat(new String(
                        stack.sqs()
                                .client()
                                .listQueueTags(b -> b.queueUrl(queueUrl("eventbridge-foreign-sub")))
                                .tags()
                                .toString()
                                .getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8))
                .isEqualTo("{}");
    }

    @Test
    void aFifoSubscriptionDeliversEveryEventInOneGroupAndGetsAStandardQueueForUndeliverableOnes() throws Exception {
        connect.kafka().createTopic("fifo-sub", 1);
        eventBridge.createBus("fifo-bus");
        Map<String, String> config = subscription("fifo-sub", "fifo-bus", "{\"source\":[\"com.fifo\"]}");
        config.put("subscription.queue.type", "fifo");
        try (EventBridgeClient client = events(own())) {
            connect.configureConnector("fifo-sub", config);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("fifo-sub", 1, "did not start");
            Map<QueueAttributeName, String> queue = attributes("eventbridge-fifo-sub.fifo");
            assertThat(queue.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
            assertThat(queue.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION))
                    .isEqualTo("true");
            assertThat(queue.get(QueueAttributeName.REDRIVE_POLICY)).contains("eventbridge-fifo-sub-dlq.fifo");
            Target target = client.listTargetsByRule(
                            b -> b.rule("kc-fifo-sub-default").eventBusName("fifo-bus"))
                    .targets()
                    .get(0);
            assertThat(target.sqsParameters().messageGroupId()).isEqualTo("eventbridge");
            assertThat(target.deadLetterConfig().arn()).endsWith(":eventbridge-fifo-sub-dlq");
            assertThat(attributes("eventbridge-fifo-sub-dlq").get(QueueAttributeName.POLICY))
                    .contains(target.deadLetterConfig().arn())
                    .contains("kc-fifo-sub-default");

            put(client, "fifo-bus", "com.fifo", 30);
            await().atMost(TIMEOUT).until(() -> count("fifo-sub") == 30);
            List<Integer> seen = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : connect.kafka().consume(30, TIMEOUT.toMillis(), "fifo-sub")) {
                seen.add(JSON.readTree(r.value()).path("detail").path("n").asInt());
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .as("key.mode=auto keys by the message group")
                        .isEqualTo("eventbridge");
            }
            assertThat(seen).doesNotHaveDuplicates().hasSize(30);
        }
        connect.deleteConnector("fifo-sub");
    }

    @Test
    void existingModeReadsAQueueBuiltElsewhereAndWarnsAboutWiringThatCanLoseEvents() throws Exception {
        connect.kafka().createTopic("existing", 1);
        eventBridge.createBus("existing-bus");
        String queue = stack.sqs().createQueue("hand-built");
        String queueArn = stack.sqs()
                .client()
                .getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn
                + "\"}]}";
        stack.sqs()
                .client()
                .setQueueAttributes(b -> b.queueUrl(queue)
                        .attributes(
                                Map.of(QueueAttributeName.POLICY, open, QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        try (EventBridgeClient client = events(own());
                LogCapture log = LogCapture.start()) {
            client.putRule(
                    b -> b.name("hand-rule").eventBusName("existing-bus").eventPattern("{\"source\":[\"com.x\"]}"));
            client.putTargets(b -> b.rule("hand-rule")
                    .eventBusName("existing-bus")
                    .targets(t -> t.id("q").arn(queueArn)));
            Map<String, String> config = stack.sourceConfig("existing", queue);
            config.put("subscription.mode", "existing");
            config.put("subscription.event.bus", "existing-bus");
            config.put("aws.eventbridge.endpoint.uri", eventBridge.endpoint());
            connect.configureConnector("existing-sub", config);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("existing-sub", 1, "did not start");
            await().atMost(TIMEOUT).until(() -> log.messages().stream().anyMatch(m -> m.contains("Wiring check of 1")));
            assertThat(log.messages())
                    .anyMatch(m -> m.contains("without an aws:SourceArn condition"))
                    .anyMatch(m -> m.contains("no redrive policy"))
                    .anyMatch(m -> m.contains("visibility timeout of 10 s"))
                    .anyMatch(m ->
                            m.contains("Rule hand-rule on bus existing-bus") && m.contains("no dead-letter queue"));
            put(client, "existing-bus", "com.x", 3);
            await().atMost(TIMEOUT).until(() -> count("existing") == 3);
            assertThat(stack.sqs()
                            .client()
                            .listQueueTags(b -> b.queueUrl(queue))
                            .tags())
                    .as("nothing was changed")
                    .isEmpty();
        }
        connect.deleteConnector("existing-sub");
    }
}
