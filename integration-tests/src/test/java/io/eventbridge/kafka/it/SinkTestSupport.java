package io.eventbridge.kafka.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Producing test records and reading back what reached the local EventBridge. */
final class SinkTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private SinkTestSupport() {}

    /** Produces {@code count} JSON records {"n": i, ...} with keys "key-i"; returns when all are acknowledged. */
    static void produce(
            EmbeddedConnectCluster connect,
            String topic,
            int from,
            int count,
            java.util.function.IntFunction<String> value) {
        awaitLeaders(connect, topic);
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of("linger.ms", 5))) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        ("key-" + i).getBytes(StandardCharsets.UTF_8),
                        value.apply(i) == null ? null : value.apply(i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /**
     * Waits until every partition of {@code topic} has a leader. A producer that meets a just-created partition
     * still taking its leader can lose track of its idempotent sequence (NOT_LEADER_OR_FOLLOWER, then
     * OutOfOrderSequenceException on every retry): AdaptiveWindowIT's input never arrived that way in CI.
     */
    static void awaitLeaders(EmbeddedConnectCluster connect, String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = connect.kafka().createAdminClient()) {
            try {
                if (!admin.listTopics().names().get().contains(topic)) {
                    return; // the producer creates it, with its leader
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("could not list topics", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() ->
                            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                                    .allMatch(p ->
                                            p.leader() != null && !p.leader().isEmpty()));
        }
    }

    static JsonNode detail(ReceivedEvent event) {
        try {
            return JSON.readTree(event.detail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct "partition:offset" of envelope events received from {@code topic}. */
    static Set<String> deliveredOffsets(List<ReceivedEvent> events, String topic) {
        return events.stream()
                .map(SinkTestSupport::detail)
                .filter(d -> topic.equals(d.path("topic").asText()))
                .map(d -> d.path("partition").asInt() + ":" + d.path("offset").asLong())
                .collect(Collectors.toSet());
    }

    /** A sink task metric from the platform MBean server, summed over the connector's tasks. */
    static double taskMetric(String connector, String attribute) throws Exception {
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        double sum = 0;
        for (var name : server.queryNames(
                new javax.management.ObjectName(
                        "kafka.connect:type=eventbridge-sink-task-metrics,connector=" + connector + ",task=*"),
                null)) {
            sum += ((Number) server.getAttribute(name, attribute)).doubleValue();
        }
        return sum;
    }

    /**
     * The dead-letter scenarios' records: 21 JSON values {"n": i} keyed k0..k20, of which k10 is 300 KB (over
     * PutEvents' 256 KB, so the sink dead-letters it).
     */
    static void produceWithOneTooLarge(EmbeddedConnectCluster connect, String topic) {
        String big = "{\"n\":10,\"pad\":\"" + "x".repeat(300_000) + "\"}";
        try (KafkaProducer<byte[], byte[]> producer =
                connect.kafka().createProducer(Map.of("max.request.size", 2_097_152))) {
            for (int i = 0; i < 21; i++) {
                String value = i == 10 ? big : "{\"n\":" + i + "}";
                producer.send(new ProducerRecord<>(
                        topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** The committed offset of partition 0 of {@code topic} for a sink connector, or -1. */
    static long committed(EmbeddedConnectCluster connect, String connector, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = connect.kafka().createAdminClient()) {
            org.apache.kafka.clients.consumer.OffsetAndMetadata o = admin.listConsumerGroupOffsets(
                            "connect-" + connector)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(new org.apache.kafka.common.TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }

    /** The distinct "n" of the events on the bus: every record but the dead-lettered k10, for the scenarios above. */
    static List<Integer> deliveredNumbers(List<ReceivedEvent> events) {
        return events.stream()
                .map(e -> detail(e).path("n").asInt())
                .distinct()
                .sorted()
                .toList();
    }
}
