package io.eventbridge.kafka.it;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * README command 1: starts the local stack with the packaged sink, sends sample orders from the
 * topic {@code orders} to a custom bus on the local EventBridge, prints progress and a summary, and
 * exits 0 when every order arrived. {@code --keep-running} leaves the stack up afterwards.
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        boolean keepRunning = java.util.Arrays.asList(args).contains("--keep-running");
        int orders = 1_000;
        System.out.println("Starting Kafka, Kafka Connect (plugins from " + LocalStack.pluginsDir() + ") and the "
            + "local EventBridge...");
        boolean ok;
        try (LocalStack stack = LocalStack.start(1)) {
            stack.connect().kafka().createTopic("orders", 2);
            DeliveryCounter counter = new DeliveryCounter("orders", 2);
            stack.eventBridge().keepEvents(false);
            stack.eventBridge().onEvent(counter);
            Map<String, String> sink = stack.sinkConfig("orders", "orders-bus");
            sink.put("aws.eventbridge.connector.id", "quickstart");
            stack.connect().configureConnector("orders-to-eventbridge", sink);
            stack.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("orders-to-eventbridge", 1,
                "the sink did not start");
            System.out.println("Sink running: topic orders -> " + sink.get("aws.eventbridge.eventbus.arn"));

            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = stack.connect().kafka().createProducer(Map.of())) {
                for (int i = 1; i <= orders; i++) {
                    String order = "{\"orderId\":\"o-" + i + "\",\"customer\":\"c-" + (i % 37) + "\",\"amount\":"
                        + (i % 200 + 0.99) + ",\"currency\":\"EUR\"}";
                    producer.send(new ProducerRecord<>("orders", ("o-" + i).getBytes(StandardCharsets.UTF_8),
                        order.getBytes(StandardCharsets.UTF_8)));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (counter.distinct() < orders && System.nanoTime() < deadline) {
                System.out.printf("\r  produced %d | delivered to EventBridge %d", orders, counter.distinct());
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("\r  produced %d | delivered to EventBridge %d%n", orders, counter.distinct());
            System.out.printf("Summary: %d of %d orders reached the bus in %.1f s (%.0f events/s), %d duplicates, "
                    + "%d PutEvents requests%n", counter.distinct(), orders, seconds, counter.distinct() / seconds,
                counter.duplicates(), stack.eventBridge().putEventsRequests());
            ok = counter.distinct() == orders;
            if (keepRunning) {
                System.out.println("Connect REST API: " + stack.connect().endpointForResource("connectors"));
                System.out.println("Local EventBridge: " + stack.eventBridge().endpoint());
                System.out.println("Try: curl -s " + stack.connect().endpointForResource("connectors/orders-to-eventbridge/status"));
                System.out.println("Press Ctrl+C to stop.");
                Thread.currentThread().join();
            }
        }
        // exit only after the stack is closed, so the broker is not halted mid-write
        System.exit(ok ? 0 : 1);
    }
}
