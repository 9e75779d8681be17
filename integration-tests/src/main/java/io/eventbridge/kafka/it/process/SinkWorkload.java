package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The sink: a 6-partition topic to a bus of the local EventBridge, three tasks. With poison, every
 * {@code poisonEvery}-th event is larger than EventBridge's 256 KB entry limit: the connector dead-letters it
 * ({@code errors.tolerance=all}) to the topic {@code <name>-dlq}, where it counts as arrived.
 */
final class SinkWorkload extends Workload {
    private static final int POISON_PAD = 300_000;
    private final int poisonEvery;
    private KafkaProducer<byte[], byte[]> producer;
    private String busArn;
    private Thread deadLetterReader;
    private volatile boolean reading = true;

    SinkWorkload(ProcessCluster cluster, String name, int events, int poisonEvery) {
        super(cluster, name, events);
        this.poisonEvery = poisonEvery;
    }

    /** The worker's dead-letter topic for this connector, or null without poison. */
    String deadLetterTopic() {
        return poisonEvery > 0 ? name + "-dlq" : null;
    }

    @Override
    String kind() {
        return "sink";
    }

    @Override
    void prepare() {
        cluster.kafka().createTopic(name, 6);
        busArn = cluster.eventBridge().createBus(name + "-bus");
        String mark = "\"run\":\"" + name + "\"";
        cluster.eventBridge().onEvent(e -> {
            if (e.detail() != null && e.detail().contains(mark)) {
                arrivals.arrived(Arrivals.number(e.detail()));
            }
        });
        // not idempotent: a burst into a topic just created can meet NOT_LEADER_OR_FOLLOWER and then, idempotent, an
        // OutOfOrderSequence the producer retries for ever; the workload needs no order, and counts a second copy
        producer = cluster.kafka().createProducer(Map.of("acks", "all", "linger.ms", 5, "enable.idempotence", false));
        if (poisonEvery > 0) {
            cluster.kafka().createTopic(deadLetterTopic(), 1, 1, Map.of("max.message.bytes", "2097152"));
            KafkaConsumer<byte[], byte[]> consumer = cluster.kafka()
                    .createConsumerAndSubscribeTo(
                            Map.of("group.id", name + "-dlq-reader", "auto.offset.reset", "earliest"),
                            deadLetterTopic());
            deadLetterReader = new Thread(
                    () -> {
                        try (consumer) {
                            while (reading) {
                                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                                    arrivals.arrived(Arrivals.number(new String(r.value(), StandardCharsets.UTF_8)));
                                }
                            }
                        }
                    },
                    name + "-dlq-reader");
            deadLetterReader.setDaemon(true);
            deadLetterReader.start();
        }
    }

    @Override
    Map<String, String> config() {
        Map<String, String> config = LocalStack.sinkConfig(
                LocalStack.localClientKeys(
                        "aws.eventbridge.", cluster.eventsProxy().endpoint()),
                name,
                busArn);
        config.put("tasks.max", "3");
        if (poisonEvery > 0) {
            LocalStack.withDeadLetterTopic(config, deadLetterTopic());
        }
        return config;
    }

    @Override
    void send(int from, int to) {
        for (int i = from; i < to; i++) {
            arrivals.sent(i);
            String detail = poisonEvery > 0 && i % poisonEvery == poisonEvery - 1
                    ? detail(i).replace("\"pad\":\"", "\"pad\":\"" + "p".repeat(POISON_PAD))
                    : detail(i);
            producer.send(new ProducerRecord<>(
                    name, ("key-" + i).getBytes(StandardCharsets.UTF_8), detail.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    /** The connector's committed offsets reached the end of the topic: nothing can be sent again. */
    @Override
    boolean settled() throws Exception {
        try (var admin = cluster.kafka().createAdminClient()) {
            var committed = admin.listConsumerGroupOffsets("connect-" + name)
                    .partitionsToOffsetAndMetadata()
                    .get();
            for (int p = 0; p < 6; p++) {
                var tp = new org.apache.kafka.common.TopicPartition(name, p);
                var c = committed.get(tp);
                if (c == null || c.offset() < cluster.kafka().endOffset(tp)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The topic's records beyond the events sent: the workload's producer is not idempotent. */
    @Override
    long inputSurplus() throws Exception {
        long records = 0;
        for (int p = 0; p < 6; p++) {
            records += cluster.kafka().endOffset(new org.apache.kafka.common.TopicPartition(name, p));
        }
        return records - arrivals.sentCount();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        reading = false;
        if (deadLetterReader != null) {
            try {
                deadLetterReader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
