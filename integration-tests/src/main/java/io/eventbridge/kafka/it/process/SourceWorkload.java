package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The source: an SQS queue of EventBridge envelopes to a 3-partition topic, three tasks, the given visibility
 * timeout (what a killed task's received but undeleted messages wait before another task gets them).
 */
final class SourceWorkload extends Workload {
    private final int visibilitySeconds;
    private String queueUrl;
    private Thread reader;
    private volatile boolean reading = true;
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);

    SourceWorkload(ProcessCluster cluster, String name, int events, int visibilitySeconds) {
        super(cluster, name, events);
        this.visibilitySeconds = visibilitySeconds;
    }

    @Override
    String kind() {
        return "source";
    }

    @Override
    void prepare() {
        queueUrl = cluster.sqs().createQueue(name);
        cluster.kafka().createTopic(name, 3);
        KafkaConsumer<byte[], byte[]> consumer = cluster.kafka()
                .createConsumerAndSubscribeTo(
                        Map.of("group.id", name + "-reader", "auto.offset.reset", "earliest"), name);
        reader = new Thread(
                () -> {
                    try (consumer) {
                        while (reading) {
                            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                                if (r.value() != null) {
                                    arrivals.arrived(Arrivals.number(new String(r.value(), StandardCharsets.UTF_8)));
                                }
                            }
                        }
                    }
                },
                name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    Map<String, String> config() {
        Map<String, String> config = LocalStack.sourceConfig(
                LocalStack.localClientKeys("aws.sqs.", cluster.sqsProxy().endpoint()), name, queueUrl);
        config.put("tasks.max", "3");
        config.put("value.mode", "detail");
        config.put("sqs.visibility.timeout.seconds", Integer.toString(visibilitySeconds));
        return config;
    }

    /**
     * Sends in batches of ten, four at a time (one SendMessageBatch at a time is slower than the source at 1,000
     * events/s); each event's clock starts as its batch is sent.
     */
    @Override
    void send(int from, int to) throws Exception {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<java.util.concurrent.Future<?>> batches = new ArrayList<>();
        for (int start = from; start < to; start += 10) {
            int first = start;
            int end = Math.min(to, start + 10);
            batches.add(senders.submit(() -> {
                List<String> bodies = new ArrayList<>();
                for (int i = first; i < end; i++) {
                    bodies.add("{\"version\":\"0\",\"id\":\"" + name + "-" + i + "\",\"detail-type\":\"Chaos\","
                            + "\"source\":\"com.example.chaos\",\"account\":\"123456789012\",\"time\":\"" + time + "\","
                            + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail(i) + "}");
                    arrivals.sent(i);
                }
                cluster.sqs().send(queueUrl, bodies, null);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> batch : batches) {
            batch.get();
        }
    }

    /** Every message deleted: a re-delivery (a duplicate) can no longer come. */
    @Override
    boolean settled() {
        return cluster.sqs().visible(queueUrl) == 0 && cluster.sqs().inFlight(queueUrl) == 0;
    }

    @Override
    public void close() {
        senders.shutdownNow();
        reading = false;
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
