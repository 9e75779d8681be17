package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.BrokerRestarts;
import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The source, loaded from its zip, receiving from embedded ElasticMQ through the real SDK and writing to
 * the embedded Kafka.
 */
class EventBridgeSourceIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TIME = java.time.Instant.now()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();

    static String envelope(String id, String source, String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + detailType + "\",\"source\":\"" + source
                + "\",\"account\":\"123456789012\",\"time\":\"" + TIME + "\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":" + detail + "}";
    }

    private static LocalSqs sqs() {
        return stack.sqs();
    }

    private static void start(String name, Map<String, String> config) throws InterruptedException {
        connect.configureConnector(name, config);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "source " + name + " did not start");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void awaitQueueEmpty(String queueUrl) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sqs().visible(queueUrl)).as("visible").isZero();
            assertThat(sqs().inFlight(queueUrl)).as("received, not deleted").isZero();
        });
    }

    @Test
    void eventsLandInTheRoutedTopicsWithTheirKeysHeadersAndTimestamps() throws Exception {
        String queue = sqs().createQueue("routed");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(
                    i % 3 == 0
                            ? envelope(
                                    "o-" + i, "com.shop", "Order Placed", "{\"n\":" + i + ",\"total\":" + i * 10 + "}")
                            : envelope("c-" + i, "com.crm", "Customer Created", "{\"n\":" + i + "}"));
        }
        sqs().send(queue, bodies, null);
        Map<String, String> config = stack.sourceConfig("crm.${detail-type}", queue);
        config.put("routes", "orders");
        config.put("route.orders.pattern", "{\"source\":[\"com.shop\"]}");
        config.put("route.orders.topic", "orders");
        config.put("tasks.max", "2");
        start("routed-source", config);

        ConsumerRecords<byte[], byte[]> orders = connect.kafka().consume(20, TIMEOUT.toMillis(), "orders");
        ConsumerRecords<byte[], byte[]> crm = connect.kafka().consume(40, TIMEOUT.toMillis(), "crm.Customer_Created");
        assertThat(orders.count()).isEqualTo(20);
        assertThat(crm.count()).isEqualTo(40);
        ConsumerRecord<byte[], byte[]> r = orders.iterator().next();
        String id = new String(r.key(), StandardCharsets.UTF_8);
        assertThat(id).startsWith("o-");
        assertThat(header(r, "eventbridge.id")).isEqualTo(id);
        assertThat(header(r, "eventbridge.source")).isEqualTo("com.shop");
        assertThat(header(r, "eventbridge.detail-type")).isEqualTo("Order Placed");
        assertThat(header(r, "eventbridge.account")).isEqualTo("123456789012");
        assertThat(header(r, "sqs.message.id")).isNotBlank();
        assertThat(r.timestamp()).isEqualTo(java.time.Instant.parse(TIME).toEpochMilli());
        JsonNode value = JSON.readTree(r.value());
        assertThat(value.get("detail-type").asText()).isEqualTo("Order Placed");
        assertThat(value.get("detail").has("total")).isTrue();
        awaitQueueEmpty(queue);
        // from SQS's SentTimestamp to Kafka's acknowledgement, per task: measured, and within the test's span
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        List<Double> p50 = new ArrayList<>();
        for (var name : server.queryNames(
                new javax.management.ObjectName(
                        "kafka.connect:type=eventbridge-source-task-metrics,connector=routed-source,task=*"),
                null)) {
            double max = ((Number) server.getAttribute(name, "event-latency-max")).doubleValue();
            double median = ((Number) server.getAttribute(name, "event-latency-p50")).doubleValue();
            if (!Double.isNaN(max)) {
                assertThat(max).isBetween(0.0, (double) TIMEOUT.toMillis());
                assertThat(median).isBetween(0.0, max + 15); // the percentile's 15 ms buckets
                p50.add(median);
            }
        }
        assertThat(p50).isNotEmpty();
        connect.deleteConnector("routed-source");
    }

    @Test
    void fifoMessageGroupsBecomeKeysAndKeepTheirOrder() throws Exception {
        String queue = sqs().createQueue("ordered.fifo");
        List<String> bodies = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(envelope("e-" + i, "com.shop", "Order Updated", "{\"seq\":" + i / 3 + "}"));
            groups.add("order-" + i % 3);
        }
        sqs().send(queue, bodies, groups);
        connect.kafka().createTopic("fifo-events", 3);
        start("fifo-source", stack.sourceConfig("fifo-events", queue));

        ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(60, TIMEOUT.toMillis(), "fifo-events");
        Map<String, List<Integer>> seqByGroup = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            seqByGroup
                    .computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(JSON.readTree(r.value()).get("detail").get("seq").asInt());
        }
        assertThat(seqByGroup).containsOnlyKeys("order-0", "order-1", "order-2");
        seqByGroup.values().forEach(seqs -> assertThat(seqs).isSorted().hasSize(20));
        awaitQueueEmpty(queue);
        connect.deleteConnector("fifo-source");
    }

    @Test
    void noMessageIsDeletedBeforeKafkaAcknowledgedItsRecord() throws Exception {
        String queue = sqs().createQueue("held");
        connect.kafka().createTopic("held-events", 1);
        sqs().send(
                        queue,
                        IntStream.range(0, 100)
                                .mapToObj(i -> envelope("h-" + i, "s", "t", "{}"))
                                .toList(),
                        null);
        Map<String, String> config = stack.sourceConfig("held-events", queue);
        config.put("sqs.visibility.timeout.seconds", "6"); // held past its visibility: must be extended
        Map<String, String> unreachable = new HashMap<>(config);
        // the task's producer cannot reach a broker: no record is acknowledged while this config runs
        unreachable.put("producer.override.bootstrap.servers", "127.0.0.1:1");
        start("held-source", unreachable);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(sqs().inFlight(queue)).isEqualTo(100));
        Thread.sleep(9_000); // longer than the visibility timeout; nothing may be deleted or come back meanwhile
        assertThat(connect.kafka().endOffset(new TopicPartition("held-events", 0)))
                .isZero();
        assertThat(sqs().inFlight(queue)).as("still held, none deleted").isEqualTo(100);
        assertThat(sqs().visible(queue))
                .as("none came back: visibility was extended")
                .isZero();

        // the fixed config restarts the task: the held messages were never deleted, so they come back and arrive
        connect.configureConnector("held-source", config);
        ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(100, TIMEOUT.toMillis(), "held-events");
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(new String(r.key(), StandardCharsets.UTF_8)));
        assertThat(ids).hasSize(100);
        awaitQueueEmpty(queue);
        connect.deleteConnector("held-source");
    }

    @Test
    void emitsCloudEventsThroughTheConverterInBinaryMode() throws Exception {
        String queue = sqs().createQueue("cloudevents");
        sqs().send(queue, List.of(envelope("ce-1", "com.shop", "Order Placed", "{\"orderId\":1}")), null);
        Map<String, String> config = stack.sourceConfig("ce-events", queue);
        config.put("value.mode", "cloudevent");
        config.put("value.converter", "io.eventbridge.kafka.cloudevents.CloudEventsConverter");
        config.remove("value.converter.schemas.enable");
        start("ce-source", config);

        ConsumerRecord<byte[], byte[]> r = connect.kafka()
                .consume(1, TIMEOUT.toMillis(), "ce-events")
                .iterator()
                .next();
        assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(r, "ce_id")).isEqualTo("ce-1");
        assertThat(header(r, "ce_type")).isEqualTo("Order Placed");
        assertThat(header(r, "ce_source")).isEqualTo("com.shop");
        assertThat(header(r, "ce_time")).isEqualTo(TIME);
        assertThat(header(r, "ce_account")).isEqualTo("123456789012");
        assertThat(header(r, "content-type")).isEqualTo("application/json");
        assertThat(JSON.readTree(r.value())).isEqualTo(JSON.readTree("{\"orderId\":1}"));
        awaitQueueEmpty(queue);
        connect.deleteConnector("ce-source");
    }

    @Test
    void aQueueThatDoesNotExistFailsTheTaskNamingTheQueue() throws Exception {
        String missing = sqs().endpoint() + "/" + LocalSqs.ACCOUNT + "/no-such-queue";
        connect.configureConnector("missing-source", stack.sourceConfig("missing-events", missing));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            var task = connect.connectorStatus("missing-source").tasks().get(0);
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("no-such-queue");
        });
        connect.deleteConnector("missing-source");
    }

    @Test
    void keepsLongPollingAnIdleQueueForLongerThanTheCallTimeout() throws Exception {
        String queue = sqs().createQueue("idle");
        Map<String, String> config = stack.sourceConfig("idle-events", queue);
        // each long poll outlasts the attempt timeout, and an idle queue outlasts the retry deadline: a poll
        // that ends empty must count as a success, not as a timeout to retry
        config.put("sqs.wait.time.seconds", "3");
        config.put("aws.sqs.api.call.timeout.ms", "1000");
        config.put("retry.deadline.ms", "2000");
        start("idle-source", config);
        Thread.sleep(8_000); // two empty long polls per loop
        assertThat(connect.connectorStatus("idle-source").tasks().get(0).state())
                .isEqualTo("RUNNING");
        sqs().send(queue, List.of(envelope("late-1", "s", "t", "{}")), null);
        assertThat(connect.kafka().consume(1, TIMEOUT.toMillis(), "idle-events").count())
                .isEqualTo(1);
        awaitQueueEmpty(queue);
        connect.deleteConnector("idle-source");
    }

    @Test
    void poisonMessagesReachTheDeadLetterTopicWithTheReason() throws Exception {
        String queue = sqs().createQueue("poison");
        sqs().send(
                        queue,
                        List.of(
                                envelope("ok-1", "s", "t", "{}"),
                                "{\"detail-type\":\"broken\"",
                                "{\"id\":\"x\",\"detail-type\":\"t\",\"source\":\"s\"}",
                                envelope("ok-2", "s", "t", "{}")),
                        null);
        start("poison-source", stack.sourceConfig("poison-events", queue));

        assertThat(connect.kafka()
                        .consume(2, TIMEOUT.toMillis(), "poison-events")
                        .count())
                .isEqualTo(2);
        ConsumerRecords<byte[], byte[]> dlq = connect.kafka().consume(2, TIMEOUT.toMillis(), "poison-events-dlq");
        List<String> reasons = new ArrayList<>();
        dlq.forEach(r -> reasons.add(header(r, "eventbridge.error.message")));
        assertThat(reasons).anyMatch(m -> m.contains("not valid JSON")).anyMatch(m -> m.contains("without 'detail'"));
        dlq.forEach(r -> assertThat(header(r, "sqs.message.id")).isNotBlank());
        awaitQueueEmpty(queue);
        connect.deleteConnector("poison-source");
    }

    @Test
    void aConnectorRestartAndABrokerRestartMidStreamLoseNothing() throws Exception {
        String queue = sqs().createQueue("restarts");
        int total = 3000;
        connect.kafka().createTopic("restart-events", 2);
        sqs().send(
                        queue,
                        IntStream.range(0, total / 2)
                                .mapToObj(i -> envelope("r-" + i, "s", "t", "{}"))
                                .toList(),
                        null);
        start("restart-source", stack.sourceConfig("restart-events", queue));

        await().atMost(TIMEOUT).until(() -> connect.kafka().endOffset(new TopicPartition("restart-events", 0)) > 100);
        connect.restartConnectorAndTasks("restart-source", false, true, false);
        sqs().send(
                        queue,
                        IntStream.range(total / 2, total)
                                .mapToObj(i -> envelope("r-" + i, "s", "t", "{}"))
                                .toList(),
                        null);
        if (BrokerRestarts.keepTheirAddress()) {
            // stopped and started again: restartOnlyBrokers alone starts brokers that are still running, a no-op
            String[] broker = connect.kafka().bootstrapServers().split(",")[0].split(":");
            connect.kafka().stopOnlyBrokers();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new java.net.Socket(broker[0], Integer.parseInt(broker[1])).close())
                    .as("the broker is down")
                    .isInstanceOf(java.io.IOException.class);
            Thread.sleep(2_000);
            connect.kafka().restartOnlyBrokers();
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Set<String> ids = new HashSet<>();
            connect.kafka()
                    .consumeAll(30_000, "restart-events")
                    .forEach(r -> ids.add(new String(r.key(), StandardCharsets.UTF_8)));
            assertThat(ids).hasSize(total);
        });
        awaitQueueEmpty(queue);
        connect.deleteConnector("restart-source");
    }

    @Test
    void aReceiveWhoseDigestsDoNotMatchIsRefusedAndItsMessagesArriveOnceIntact() throws Exception {
        // the SDK checks every received body against its MD5OfBody; the source keeps that check (it costs no
        // measurable CPU per event, docs/performance.md), so a body corrupted on the way is never written to Kafka
        String queue = sqs().createQueue("digest-checked");
        List<String> bodies = IntStream.range(0, 5)
                .mapToObj(i -> envelope("d-" + i, "com.shop", "Order Placed", "{\"n\":" + i + "}"))
                .toList();
        sqs().send(queue, bodies, null);
        connect.kafka().createTopic("digest-checked", 1);
        sqs().corruptBodyDigests(true);
        try {
            Map<String, String> config = stack.sourceConfig("digest-checked", queue);
            config.put("sqs.visibility.timeout.seconds", "5");
            start("digest-checked-source", config);
            // the receives are refused: the messages go in flight and come back, none reaches Kafka
            await().atMost(TIMEOUT).until(() -> sqs().inFlight(queue) > 0);
            Thread.sleep(3_000);
            assertThat(connect.kafka().consumeAll(1_000, "digest-checked").count())
                    .as("refused while corrupt")
                    .isZero();
            assertThat(sqs().visible(queue) + sqs().inFlight(queue))
                    .as("still in the queue")
                    .isEqualTo(5);
        } finally {
            sqs().corruptBodyDigests(false);
        }
        // intact now: the refused messages come back after their visibility timeout and arrive, each once
        ConsumerRecords<byte[], byte[]> arrived = connect.kafka().consume(5, TIMEOUT.toMillis(), "digest-checked");
        assertThat(arrived).hasSize(5);
        awaitQueueEmpty(queue);
        assertThat(connect.kafka().consumeAll(2_000, "digest-checked").count())
                .as("each once")
                .isEqualTo(5);
        assertThat(connect.connectorStatus("digest-checked-source").tasks())
                .allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        connect.deleteConnector("digest-checked-source");
    }
}
