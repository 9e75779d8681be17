package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The sink: a 6-partition topic to a bus of the local EventBridge, three tasks. */
final class SinkWorkload extends Workload {
    private KafkaProducer<byte[], byte[]> producer;
    private String busArn;

    SinkWorkload(ProcessCluster cluster, String name, int events) {
        super(cluster, name, events);
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
    }

    @Override
    Map<String, String> config() {
        Map<String, String> config = LocalStack.sinkConfig(
            LocalStack.localClientKeys("aws.eventbridge.", cluster.eventsProxy().endpoint()), name, busArn);
        config.put("tasks.max", "3");
        return config;
    }

    @Override
    void send(int from, int to) {
        for (int i = from; i < to; i++) {
            arrivals.sent(i);
            producer.send(new ProducerRecord<>(name, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                detail(i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    /** The connector's committed offsets reached the end of the topic: nothing can be sent again. */
    @Override
    boolean settled() throws Exception {
        try (var admin = cluster.kafka().createAdminClient()) {
            var committed = admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get();
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

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
