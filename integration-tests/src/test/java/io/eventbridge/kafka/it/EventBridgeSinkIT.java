package io.eventbridge.kafka.it;

import static io.eventbridge.kafka.it.SinkTestSupport.deliveredOffsets;
import static io.eventbridge.kafka.it.SinkTestSupport.detail;
import static io.eventbridge.kafka.it.SinkTestSupport.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The sink, loaded from its packaged zip, against the local EventBridge over HTTP. */
class EventBridgeSinkIT extends EmbeddedStackTest {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void deliversEveryRecordDespiteThrottledAndInternalFailureEntries() throws Exception {
        String topic = "throttled";
        connect.kafka().createTopic(topic, 4);
        eventBridge
                .faults()
                .seed(7)
                .entryThrottleRate(0.20)
                .entryInternalFailureRate(0.02)
                .http500Rate(0.03)
                .requestThrottleRate(0.03);
        Map<String, String> config = stack.sinkConfig(topic, "throttled-bus");
        config.put("tasks.max", "2");
        LocalStack.withDeadLetterTopic(config, "throttled-dlq");
        config.put("retry.backoff.initial.ms", "20");
        startSink("throttled-sink", config);

        int records = 4000;
        produce(connect, topic, 0, records, i -> "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(records));
        assertThat(eventBridge.rejectedEntries())
                .as("the endpoint really throttled entries")
                .isGreaterThan(records / 10);
        assertThat(eventBridge.injectedRequestErrors())
                .as("whole requests really failed with 500 / throttling")
                .isGreaterThan(0);
        // the task's JMX metrics (the worker runs in this JVM), summed over both tasks
        assertThat(SinkTestSupport.taskMetric("throttled-sink", "events-sent-total"))
                .isGreaterThanOrEqualTo(records);
        assertThat(SinkTestSupport.taskMetric("throttled-sink", "retries-total"))
                .isGreaterThan(records / 10);
        // a task that got its partitions only after the other had read everything sent nothing (NaN)
        assertThat(taskMetrics("throttled-sink", "entries-per-request-max").values())
                .filteredOn(max -> !max.isNaN())
                .isNotEmpty()
                .allSatisfy(max -> assertThat(max).isBetween(1.0, 10.0));
        assertThat(SinkTestSupport.taskMetric("throttled-sink", "dead-lettered-total"))
                .isZero();
        // from the record's timestamp to EventBridge accepting its event: measured, within the test's span
        assertThat(taskMetrics("throttled-sink", "event-latency-max").values())
                .filteredOn(max -> !max.isNaN())
                .isNotEmpty()
                .allSatisfy(max -> assertThat(max).isBetween(0.0, (double) DELIVERY_TIMEOUT.toMillis()));
        assertThat(taskMetrics("throttled-sink", "event-latency-p99").values())
                .filteredOn(p99 -> !p99.isNaN())
                .isNotEmpty()
                .allSatisfy(p99 -> assertThat(p99).isBetween(0.0, 60_000.0));
        assertNothingDeadLettered("throttled-dlq");
        connect.deleteConnector("throttled-sink");
    }

    @Test
    void stalledRequestsTimeOutAndTheirEntriesAreRetried() throws Exception {
        String topic = "stalled";
        connect.kafka().createTopic(topic, 1);
        eventBridge.faults().seed(3).stall(0.05, 20_000);
        Map<String, String> config = stack.sinkConfig(topic, "stall-bus");
        config.put("aws.eventbridge.api.call.timeout.ms", "1000");
        LocalStack.withDeadLetterTopic(config, "stalled-dlq");
        startSink("stalled-sink", config);

        produce(connect, topic, 0, 1000, i -> "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(1000));
        assertThat(eventBridge.injectedRequestErrors())
                .as("requests really stalled")
                .isGreaterThan(0);
        assertNothingDeadLettered("stalled-dlq");
        connect.deleteConnector("stalled-sink");
    }

    @Test
    void largeEventsAreOffloadedToS3AsAClaimCheckAndSmallOnesSentWhole() throws Exception {
        String topic = "large";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "large-bus");
        config.put("aws.eventbridge.offloading.default.s3.bucket", "claims");
        config.put("aws.eventbridge.offloading.default.s3.endpoint.uri", eventBridge.endpoint());
        config.put("offload.threshold.bytes", "4096");
        startSink("large-sink", config);

        String blob = "x".repeat(300_000); // over the 256 KiB request limit on its own
        produce(connect, topic, 0, 3, i -> i == 1 ? "{\"n\":1,\"blob\":\"" + blob + "\"}" : "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT).until(() -> eventBridge.events().size() == 3);
        Map<Long, JsonNode> byOffset = new HashMap<>();
        eventBridge.events().forEach(e -> byOffset.put(detail(e).path("offset").asLong(), detail(e)));
        assertThat(byOffset.get(0L).path("value").path("n").asInt()).isZero();
        JsonNode claim = byOffset.get(1L);
        assertThat(claim.has("value"))
                .as("the offloaded part is gone from the event")
                .isFalse();
        assertThat(claim.path("datarefJsonPath").asText()).isEqualTo("$.detail.value");
        String dataref = claim.path("dataref").asText();
        assertThat(dataref).startsWith("arn:aws:s3:::claims/");
        byte[] stored = eventBridge.objects().get("/claims/" + dataref.substring("arn:aws:s3:::claims/".length()));
        assertThat(stored).as("object named by the dataref").isNotNull();
        JsonNode offloaded = SinkTestSupport.JSON.readTree(stored);
        assertThat(offloaded.path("n").asInt()).isEqualTo(1);
        assertThat(offloaded.path("blob").asText()).hasSize(300_000);
        connect.deleteConnector("large-sink");
    }

    @Test
    void anEntryOverTheLimitWithoutOffloadingIsDeadLetteredAsEntryTooLarge() throws Exception {
        String topic = "too-large";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "too-large-bus");
        LocalStack.withDeadLetterTopic(config, "too-large-dlq");
        startSink("too-large-sink", config);

        produce(connect, topic, 0, 3, i -> i == 1 ? "{\"blob\":\"" + "y".repeat(300_000) + "\"}" : "{\"n\":" + i + "}");

        ConsumerRecords<byte[], byte[]> dlq = connect.kafka().consume(1, DELIVERY_TIMEOUT.toMillis(), "too-large-dlq");
        ConsumerRecord<byte[], byte[]> rejected = dlq.iterator().next();
        assertThat(header(rejected, "eventbridge.error.code")).isEqualTo("EntryTooLarge");
        assertThat(header(rejected, "eventbridge.error.message")).contains("batch.max.bytes=262144");
        assertThat(header(rejected, "eventbridge.error.attempts")).isEqualTo("0");
        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .containsExactlyInAnyOrder("0:0", "0:2"));
        connect.deleteConnector("too-large-sink");
    }

    @Test
    void nonRetryableEntriesLandInTheDeadLetterTopicWithReasonHeaders() throws Exception {
        String topic = "mixed";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "mixed-bus");
        config.put("event.source", "${json:$.origin}");
        LocalStack.withDeadLetterTopic(config, "mixed-dlq");
        startSink("mixed-sink", config);

        // every 10th record claims an aws.* source, which EventBridge refuses per entry
        produce(
                connect,
                topic,
                0,
                100,
                i -> "{\"n\":" + i + ",\"origin\":\"" + (i % 10 == 0 ? "aws.s3" : "app.orders") + "\"}");

        ConsumerRecords<byte[], byte[]> dlq = connect.kafka().consume(10, DELIVERY_TIMEOUT.toMillis(), "mixed-dlq");
        assertThat(dlq.count()).isEqualTo(10);
        for (ConsumerRecord<byte[], byte[]> record : dlq) {
            assertThat(header(record, "eventbridge.error.code")).isEqualTo("NotAuthorizedForSourceException");
            assertThat(header(record, "eventbridge.error.message")).contains("Not authorized");
            assertThat(header(record, "eventbridge.connector")).isEqualTo("mixed-sink");
            assertThat(header(record, "eventbridge.error.attempts")).isNotBlank();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("aws.s3");
        }
        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(90));
        connect.deleteConnector("mixed-sink");
    }

    @Test
    void connectorRestartMidStreamLosesNothing() throws Exception {
        String topic = "restarted";
        connect.kafka().createTopic(topic, 2);
        eventBridge.faults().latencyMs(5);
        Map<String, String> config = stack.sinkConfig(topic, "restart-bus");
        startSink("restart-sink", config);

        produce(connect, topic, 0, 3000, i -> "{\"n\":" + i + "}");
        await().atMost(DELIVERY_TIMEOUT).until(() -> eventBridge.receivedCount() > 500);
        connect.restartConnectorAndTasks("restart-sink", false, true, false);
        produce(connect, topic, 3000, 2000, i -> "{\"n\":" + i + "}");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("restart-sink", 1, "sink not running");

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(5000));
        connect.deleteConnector("restart-sink");
    }

    /** The AWS sink README's two JSON examples ("JSON Encoding" and "JSON Encoding with Dead-Letter Queue"). */
    static List<String> awsReadmeConfigs() {
        String minimal = """
            {
                "auto.offset.reset": "earliest",
                "connector.class": "software.amazon.event.kafkaconnector.EventBridgeSinkConnector",
                "topics": "json-values-topic",
                "aws.eventbridge.connector.id": "my-json-values-connector",
                "aws.eventbridge.eventbus.arn": "arn:aws:events:us-east-1:1234567890:event-bus/kafkabus",
                "aws.eventbridge.region": "us-east-1",
                "key.converter": "org.apache.kafka.connect.storage.StringConverter",
                "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable": false
            }""";
        String withDlq = minimal.replace("\"value.converter.schemas.enable\": false", """
                "value.converter.schemas.enable": false,
                "errors.tolerance":"all",
                "errors.deadletterqueue.topic.name":"json-dlq",
                "errors.deadletterqueue.topic.replication.factor":1""");
        return List.of(minimal, withDlq);
    }

    /**
     * Runs an AWS sink README config with four edits, all of which a migrating user makes too:
     * {@code connector.class} is ours; the bus ARN is the user's own bus (the README's names a placeholder
     * 10-digit account, which no bus can be in); the endpoint points at the local EventBridge; and since the
     * README's {@code auto.offset.reset} is not a Connect key, {@code consumer.override.auto.offset.reset}
     * makes the consumer start at the beginning. Credentials come from the default chain
     * (aws.accessKeyId / aws.secretAccessKey system properties, set by the build).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("awsReadmeConfigs")
    void configFromTheAwsSinkReadmeRunsUnchanged(String readme) throws Exception {
        eventBridge.reset();
        Map<String, String> config = new HashMap<>();
        SinkTestSupport.JSON
                .readTree(readme)
                .fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("connector.class", "io.eventbridge.kafka.sink.EventBridgeSinkConnector");
        config.put("aws.eventbridge.endpoint.uri", eventBridge.endpoint());
        config.put("consumer.override.auto.offset.reset", "earliest");
        assertThat(config.get("aws.eventbridge.eventbus.arn")).endsWith(":event-bus/kafkabus");
        config.put("aws.eventbridge.eventbus.arn", eventBridge.createBus("kafkabus"));
        if (connect.kafka()
                .describeTopics("json-values-topic")
                .get("json-values-topic")
                .isEmpty()) {
            connect.kafka().createTopic("json-values-topic", 1);
        }
        String name = "readme-sink-" + readme.hashCode();
        startSink(name, config);

        connect.kafka()
                .produce(
                        "json-values-topic",
                        "order-1",
                        "{\"orderItems\":[\"item-1\",\"item-2\"],\"orderCreatedTime\":\"Tue May 23 13:38:46 CEST 2023\"}");

        await().atMost(DELIVERY_TIMEOUT).until(() -> !eventBridge.events().isEmpty());
        ReceivedEvent event = eventBridge.events().get(eventBridge.events().size() - 1);
        assertThat(event.eventBus()).isEqualTo("kafkabus");
        assertThat(event.source()).isEqualTo("kafka-connect.my-json-values-connector");
        assertThat(event.detailType()).isEqualTo("kafka-connect-json-values-topic");
        JsonNode detail = detail(event);
        assertThat(detail.fieldNames())
                .toIterable()
                .containsExactly(
                        "topic", "partition", "offset", "timestamp", "timestampType", "headers", "key", "value");
        assertThat(detail.path("topic").asText()).isEqualTo("json-values-topic");
        assertThat(detail.path("timestampType").asText()).isEqualTo("CreateTime");
        assertThat(detail.path("headers").isArray()).isTrue();
        assertThat(detail.path("key").asText()).isEqualTo("order-1");
        assertThat(detail.path("value").path("orderItems").get(1).asText()).isEqualTo("item-2");
        assertThat(eventBridge.userAgents()).anyMatch(ua -> ua.contains("kafka-connect-eventbridge/"));
        assertThat(eventBridge.signingAlgorithms()).containsOnlyKeys("AWS4-HMAC-SHA256");
        connect.deleteConnector(name);
    }

    @Test
    void tombstonesAndStructValuesMapAsDocumented() throws Exception {
        String topic = "structs";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "struct-bus");
        config.put("value.converter.schemas.enable", "true");
        startSink("struct-sink", config);

        String struct = """
            {"schema":{"type":"struct","name":"Order","fields":[
               {"field":"id","type":"string"},
               {"field":"amount","type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                "parameters":{"scale":"2"}},
               {"field":"placed","type":"int64","name":"org.apache.kafka.connect.data.Timestamp"},
               {"field":"note","type":"string","optional":true},
               {"field":"lines","type":"array","items":{"type":"struct","fields":[
                  {"field":"sku","type":"string"},{"field":"qty","type":"int32"}]}}]},
             "payload":{"id":"o-1","amount":"MDk=","placed":1714571100250,"note":null,
                        "lines":[{"sku":"A","qty":2}]}}""";
        connect.kafka().produce(topic, "o-1", struct);
        connect.kafka().produce(topic, "o-1", null);

        await().atMost(DELIVERY_TIMEOUT).until(() -> eventBridge.events().size() == 2);
        List<JsonNode> details = eventBridge.events().stream()
                .map(SinkTestSupport::detail)
                .sorted((a, b) ->
                        Long.compare(a.path("offset").asLong(), b.path("offset").asLong()))
                .toList();
        JsonNode order = details.get(0).path("value");
        assertThat(order.path("id").asText()).isEqualTo("o-1");
        assertThat(order.path("amount").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(order.path("placed").asText()).isEqualTo("2024-05-01T13:45:00.250Z");
        assertThat(order.path("note").isNull()).isTrue();
        assertThat(order.path("lines").get(0).path("qty").asInt()).isEqualTo(2);
        JsonNode tombstone = details.get(1);
        assertThat(tombstone.has("value")).isTrue();
        assertThat(tombstone.path("value").isNull()).isTrue();
        assertThat(tombstone.path("key").asText()).isEqualTo("o-1");
        connect.deleteConnector("struct-sink");
    }

    @Test
    void assumesTheRoleWithBothExternalIdAndSessionNameAndRefreshesIt() throws Exception {
        String topic = "assumed";
        eventBridge.credentialLifetimeSeconds(2); // inside the SDK's refresh window from the start
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "assumed-bus");
        config.put("aws.eventbridge.iam.role.arn", "arn:aws:iam::123456789012:role/PutEventsRole");
        config.put("aws.eventbridge.iam.external.id", "ext-4711");
        config.put("aws.eventbridge.iam.session.name", "orders-sink-session");
        config.put("aws.eventbridge.sts.endpoint.uri", eventBridge.endpoint());
        startSink("assumed-sink", config);

        produce(connect, topic, 0, 5, i -> "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(5));
        // credentials are resolved when a request is signed: keep records flowing until they were renewed
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(5);
        await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            produce(connect, topic, next.getAndIncrement(), 1, i -> "{\"n\":" + i + "}");
            return eventBridge.assumeRoleCalls().size() >= 2;
        });
        int produced = next.get();
        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(produced));
        assertThat(eventBridge.assumeRoleCalls()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(call -> {
            assertThat(call).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/PutEventsRole");
            assertThat(call).containsEntry("ExternalId", "ext-4711");
            assertThat(call).containsEntry("RoleSessionName", "orders-sink-session");
        });
        connect.deleteConnector("assumed-sink");
    }

    /** Deploys the sink and waits until it runs all of its tasks.max tasks. */
    private static void startSink(String name, Map<String, String> config) throws InterruptedException {
        connect.configureConnector(name, config);
        connect.assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(
                        name,
                        Integer.parseInt(config.getOrDefault("tasks.max", "1")),
                        "sink " + name + " did not start");
    }

    @Test
    void sendsThroughAGlobalEndpointSignedWithSigV4a() throws Exception {
        String topic = "global";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "global-bus");
        config.put("aws.eventbridge.eventbus.global.endpoint.id", "abcde.veo");
        startSink("global-sink", config);

        produce(connect, topic, 0, 20, i -> "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT)
                .untilAsserted(() -> assertThat(deliveredOffsets(eventBridge.events(), topic))
                        .hasSize(20));
        assertThat(eventBridge.signingAlgorithms())
                .as("requests by signing algorithm")
                .containsOnlyKeys("AWS4-ECDSA-P256-SHA256");
        long[] checks = eventBridge.sigV4aChecks();
        assertThat(checks[0]).as("signatures the endpoint verified").isPositive();
        assertThat(checks[1]).as("signatures the endpoint refused").isZero();
        connect.deleteConnector("global-sink");
    }

    @Test
    void aGlobalEndpointRefusesASigV4aSignatureMadeWithTheWrongSecretAndTheTaskFailsWithTheCode() throws Exception {
        String topic = "global-wrong-secret";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "global-bus-2");
        config.put("aws.eventbridge.eventbus.global.endpoint.id", "abcde.veo");
        config.put("aws.eventbridge.secret.access.key", "not-the-secret-of-this-access-key");
        startSink("global-wrong-secret", config);

        produce(connect, topic, 0, 3, i -> "{\"n\":" + i + "}");

        await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> {
            var task = connect.connectorStatus("global-wrong-secret").tasks().get(0);
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("InvalidSignatureException");
        });
        assertThat(eventBridge.sigV4aChecks()[1])
                .as("signatures the endpoint refused")
                .isPositive();
        assertThat(deliveredOffsets(eventBridge.events(), topic)).isEmpty();
        connect.deleteConnector("global-wrong-secret");
    }

    @Test
    void withErrorsToleranceNoneANonRetryableEntryFailsTheTaskNamingTheRecord() throws Exception {
        String topic = "strict";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = stack.sinkConfig(topic, "strict-bus");
        config.put("event.source", "${json:$.origin}");
        startSink("strict-sink", config);

        produce(connect, topic, 0, 5, i -> "{\"n\":" + i + ",\"origin\":\"" + (i == 3 ? "aws.s3" : "app") + "\"}");

        await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> {
            var task = connect.connectorStatus("strict-sink").tasks().get(0);
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("topic=strict partition=0 offset=3", "NotAuthorizedForSourceException");
        });
        assertThat(deliveredOffsets(eventBridge.events(), topic)).doesNotContain("0:3");
        connect.deleteConnector("strict-sink");
    }

    private static void assertNothingDeadLettered(String dlqTopic) throws Exception {
        assertThat(connect.kafka().endOffset(new org.apache.kafka.common.TopicPartition(dlqTopic, 0)))
                .as("records in " + dlqTopic)
                .isZero();
    }

    /** A sink task metric per task MBean name. */
    private static Map<String, Double> taskMetrics(String connector, String attribute) throws Exception {
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        Map<String, Double> values = new HashMap<>();
        for (var name : server.queryNames(
                new javax.management.ObjectName(
                        "kafka.connect:type=eventbridge-sink-task-metrics,connector=" + connector + ",task=*"),
                null)) {
            values.put(name.toString(), ((Number) server.getAttribute(name, attribute)).doubleValue());
        }
        return values;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
