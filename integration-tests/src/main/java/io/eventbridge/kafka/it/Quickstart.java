package io.eventbridge.kafka.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * README command 1: the whole suite on the embedded stack, with the packaged plugins. Orders produced to
 * {@code orders} (JSON) and {@code orders.avro} (Avro through the Glue Schema Registry, read by Glue's own
 * converter) go through two sinks to a custom bus on the local EventBridge, a rule on the bus sends them
 * to an SQS queue, and the source writes them as CloudEvents to {@code orders.from-eventbridge}. Prints a
 * live line with the count at each hop and a summary with rate and end-to-end latency; exits 0 when every
 * order made the round trip. The source runs in subscription mode: its config names the bus, an event pattern and
 * the topic, and the connector creates its queue, dead-letter queue, queue policy, rule and target itself.
 * {@code --keep-running} leaves the stack up and prints how to reach it.
 */
public final class Quickstart {
    private static final String ORDERS = "orders";
    private static final String ORDERS_AVRO = "orders.avro";
    private static final String REGISTRY = "quickstart-registry";
    private static final String BACK = "orders.from-eventbridge";
    private static final String PATTERN = "{\"source\":[\"com.example.orders\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Quickstart() {}

    public static void main(String[] args) throws Exception {
        boolean keepRunning = Arrays.asList(args).contains("--keep-running");
        int jsonOrders = 1_000;
        int avroOrders = 500;
        int orders = jsonOrders + avroOrders;
        Path logFile = routeLogs();
        System.out.println("Starting Kafka, Kafka Connect (plugins from " + LocalStack.pluginsDir() + "), the local "
                + "EventBridge and SQS; their logs go to " + logFile);
        boolean ok;
        try (LocalStack stack = startQuietly(logFile)) {
            String queue = setUp(stack);
            Hops hops = new Hops();
            stack.eventBridge().keepEvents(false);
            stack.eventBridge().onEvent(e -> hops.atBus.putIfAbsent(orderId(e.detail()), System.nanoTime()));
            stack.sqs().onDelivered(body -> hops.inSqs.putIfAbsent(orderId(body), System.nanoTime()));
            try (KafkaProducer<byte[], byte[]> producer =
                            stack.connect().kafka().createProducer(Map.of());
                    var avro = GlueAvro.serializer(stack.eventBridge().endpoint(), REGISTRY, ORDERS_AVRO + "-value");
                    KafkaConsumer<byte[], byte[]> consumer = stack.connect()
                            .kafka()
                            .createConsumerAndSubscribeTo(
                                    Map.of("auto.offset.reset", "earliest", "group.id", "quickstart-counter"), BACK)) {
                Round first = new Round("first burst (cold JVM)", 1, jsonOrders, avroOrders, 0);
                first.run(stack, queue, producer, avro, consumer, hops, true);
                printHeaders(stack);
                long[] sorted = first.endToEnd();
                System.out.printf(
                        Locale.ROOT,
                        "Summary: %d of %d orders made the round trip Kafka -> EventBridge -> "
                                + "SQS -> Kafka in %.1f s (%.0f events/s); end-to-end latency p50 %d ms, p99 %d ms; %d events "
                                + "at the bus in %d PutEvents requests%n",
                        first.latencies.size(),
                        orders,
                        first.seconds,
                        first.latencies.size() / first.seconds,
                        percentileMs(sorted, 50),
                        percentileMs(sorted, 99),
                        stack.eventBridge().receivedCount(),
                        stack.eventBridge().putEventsRequests());
                ok = first.latencies.size() == orders;
                if (ok) {
                    // the same burst again, warm; then single orders 20 ms apart: what is cold start, what is queueing
                    Round warm = new Round("second burst (warm)", 10_001, jsonOrders, avroOrders, 0);
                    warm.run(stack, queue, producer, avro, consumer, hops, false);
                    Round trickle = new Round("one order every 20 ms (warm)", 20_001, 250, 0, 20);
                    trickle.run(stack, queue, producer, avro, consumer, hops, false);
                    System.out.println("Where the time goes, p50 / p99 per hop (ms):");
                    System.out.println(
                            "| orders | sinks: Kafka -> bus | bus -> SQS | SQS -> source -> Kafka " + "| end to end |");
                    System.out.println("|---|---|---|---|---|");
                    for (Round r : java.util.List.of(first, warm, trickle)) {
                        System.out.println(hops.row(r));
                    }
                    ok = warm.latencies.size() == jsonOrders + avroOrders && trickle.latencies.size() == 250;
                }
            }
            if (keepRunning) {
                printHowToReach(stack, queue);
                Thread.currentThread().join();
            }
        }
        System.out.println(
                ok
                        ? "Exit status 0: every order made the round trip. Logs: " + logFile
                        : "Exit status 1: some orders did not make the round trip (see above). Logs: " + logFile);
        // exit only after the stack is closed, so the broker is not halted mid-write
        System.exit(ok ? 0 : 1);
    }

    /**
     * Sends every log line to a file (quickstart-log4j2.properties), before anything logs, unless a configuration was
     * given; returns the file.
     */
    private static Path routeLogs() throws IOException {
        Path target = Files.isDirectory(Path.of("integration-tests"))
                ? Path.of("integration-tests", "target")
                : Path.of("target");
        Path logFile = Path.of(System.getProperty(
                        "quickstart.log", target.resolve("quickstart.log").toString()))
                .toAbsolutePath();
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(logFile);
        System.setProperty("quickstart.log", logFile.toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "quickstart-log4j2.properties");
        }
        return logFile;
    }

    /** Starts the stack with standard output going to the log file too: Kafka's storage formatter prints there. */
    private static LocalStack startQuietly(Path logFile) throws Exception {
        PrintStream console = System.out;
        try (PrintStream log =
                new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8)) {
            System.setOut(log);
            return LocalStack.start(1);
        } finally {
            System.setOut(console);
        }
    }

    /** Topics, the sinks, and the source in subscription mode (it makes the rule and the queue); returns the queue URL. */
    private static String setUp(LocalStack stack) throws InterruptedException {
        stack.connect().kafka().createTopic(ORDERS, 2);
        stack.connect().kafka().createTopic(BACK, 2);
        Map<String, String> sink = orderSink(stack, ORDERS, "quickstart");
        stack.connect().configureConnector("orders-to-eventbridge", sink);
        stack.connect().kafka().createTopic(ORDERS_AVRO, 2);
        Map<String, String> avroSink = orderSink(stack, ORDERS_AVRO, "quickstart-avro");
        avroSink.putAll(GlueAvro.valueConverter(stack.eventBridge().endpoint(), REGISTRY, null));
        stack.connect().configureConnector("avro-orders-to-eventbridge", avroSink);

        Map<String, String> source = stack.sourceConfig(BACK);
        source.put("subscription.mode", "managed");
        source.put("subscription.event.bus", "orders-bus");
        source.put("subscription.event.pattern", PATTERN);
        source.put("aws.eventbridge.endpoint.uri", stack.eventBridge().endpoint());
        source.put("value.mode", "cloudevent");
        source.put("value.converter", "io.eventbridge.kafka.cloudevents.CloudEventsConverter");
        source.remove("value.converter.schemas.enable");
        stack.connect().configureConnector("orders-from-eventbridge", source);
        stack.connect()
                .assertions()
                .assertConnectorAndExactlyNumTasksAreRunning("orders-to-eventbridge", 1, "the sink did not start");
        stack.connect()
                .assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(
                        "avro-orders-to-eventbridge", 1, "the Glue-Avro sink did not start");
        stack.connect()
                .assertions()
                .assertConnectorAndAtLeastNumTasksAreRunning("orders-from-eventbridge", 1, "the source did not start");
        System.out.println("Sinks:  topic " + ORDERS + " (JSON) and topic " + ORDERS_AVRO + " (Avro, read by Glue's "
                + "AWSKafkaAvroConverter from the local Glue Schema Registry) -> "
                + sink.get("aws.eventbridge.eventbus.arn"));
        String queue = stack.sqs()
                .client()
                .getQueueUrl(b -> b.queueName("eventbridge-orders-from-eventbridge"))
                .queueUrl();
        System.out.println("Source: subscription mode, one config: bus orders-bus, pattern " + PATTERN + ", topic "
                + BACK + " (binary-mode CloudEvents). The connector created and tagged its queue " + queue + ", the "
                + "dead-letter queue, the queue policy for its rule only, and the rule kc-orders-from-eventbridge-default "
                + "with the queue as target.");
        return queue;
    }

    /** A sink of order records from {@code topic} to the orders bus, the record value as the detail. */
    private static Map<String, String> orderSink(LocalStack stack, String topic, String connectorId) {
        Map<String, String> sink = stack.sinkConfig(topic, "orders-bus");
        sink.put("aws.eventbridge.connector.id", connectorId);
        sink.put("event.source", "com.example.orders");
        sink.put("event.detail.type", "Order Placed");
        sink.put("event.detail.mode", "value");
        return sink;
    }

    private static void printHeaders(LocalStack stack) {
        var sample = stack.connect().kafka().consume(1, 10_000, BACK).iterator().next();
        StringBuilder headers = new StringBuilder();
        for (Header h : sample.headers()) {
            if (h.key().startsWith("ce_")) {
                headers.append(' ').append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        System.out.println(
                "A record in " + BACK + ":" + headers + " value=" + new String(sample.value(), StandardCharsets.UTF_8));
    }

    /** The first {@code "orderId":<n>} in a JSON text, or -1. */
    static int orderId(String json) {
        int i = json == null ? -1 : json.indexOf("\"orderId\":");
        if (i < 0) {
            return -1;
        }
        int n = 0;
        for (i += 10; i < json.length() && Character.isDigit(json.charAt(i)); i++) {
            n = n * 10 + (json.charAt(i) - '0');
        }
        return n;
    }

    /** When each order reached each hop: the bus accepted it, SQS had it (the rule's delivery). */
    private static final class Hops {
        final Map<Integer, Long> atBus = new ConcurrentHashMap<>();
        final Map<Integer, Long> inSqs = new ConcurrentHashMap<>();

        /**
         * A round's Markdown row: per hop, p50 / p99 of each order's time in it: the sinks (produced until the bus
         * accepted it), the bus's delivery to SQS, and SQS plus the source (until the record was read back from
         * Kafka, the counter's 100 ms poll included).
         */
        String row(Round round) {
            java.util.List<Long> sink = new java.util.ArrayList<>();
            java.util.List<Long> bus = new java.util.ArrayList<>();
            java.util.List<Long> source = new java.util.ArrayList<>();
            round.latencies.forEach((id, total) -> {
                Long sent = round.sentAt.get(id);
                Long b = atBus.get(id);
                Long q = inSqs.get(id);
                if (sent != null && b != null && q != null) {
                    sink.add(b - sent);
                    bus.add(q - b);
                    source.add(sent + total - q);
                }
            });
            return "| " + round.name + " | " + p50p99(sink) + " | " + p50p99(bus) + " | " + p50p99(source) + " | "
                    + p50p99(round.latencies.values()) + " |";
        }

        private static String p50p99(java.util.Collection<Long> nanos) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return percentileMs(sorted, 50) + " / " + percentileMs(sorted, 99);
        }
    }

    /** One round of orders: produced as a burst (pause 0) or one every {@code pauseMs}, and read back. */
    private static final class Round {
        final String name;
        final int firstId;
        final int json;
        final int avro;
        final int pauseMs;
        final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        final Map<Integer, Long> latencies = new ConcurrentHashMap<>();
        double seconds;

        Round(String name, int firstId, int json, int avro, int pauseMs) {
            this.name = name;
            this.firstId = firstId;
            this.json = json;
            this.avro = avro;
            this.pauseMs = pauseMs;
        }

        long[] endToEnd() {
            return latencies.values().stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
        }

        void run(
                LocalStack stack,
                String queue,
                KafkaProducer<byte[], byte[]> producer,
                com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistryKafkaSerializer avroSerializer,
                KafkaConsumer<byte[], byte[]> consumer,
                Hops hops,
                boolean live)
                throws Exception {
            int orders = json + avro;
            long start = System.nanoTime();
            for (int i = firstId; i < firstId + json; i++) {
                String order = "{\"orderId\":" + i + ",\"customer\":\"c-" + (i % 37) + "\",\"amount\":"
                        + (i % 200 + 0.99) + ",\"currency\":\"EUR\"}";
                sentAt.put(i, System.nanoTime());
                producer.send(new ProducerRecord<>(
                        ORDERS, ("o-" + i).getBytes(StandardCharsets.UTF_8), order.getBytes(StandardCharsets.UTF_8)));
                if (pauseMs > 0) {
                    producer.flush();
                    Thread.sleep(pauseMs);
                    drain(consumer);
                }
            }
            for (int i = firstId + json; i < firstId + orders; i++) { // Avro, schema in the Glue Schema Registry
                sentAt.put(i, System.nanoTime());
                producer.send(new ProducerRecord<>(
                        ORDERS_AVRO,
                        ("o-" + i).getBytes(StandardCharsets.UTF_8),
                        avroSerializer.serialize(ORDERS_AVRO, GlueAvro.order(i))));
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            long lastPrint = 0;
            while (latencies.size() < orders && System.nanoTime() < deadline) {
                drain(consumer);
                if (live && System.nanoTime() - lastPrint > TimeUnit.MILLISECONDS.toNanos(250)) {
                    lastPrint = System.nanoTime();
                    printCounts(stack, queue, "\r");
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            if (live) {
                printCounts(stack, queue, "\r");
                System.out.println();
            }
        }

        private void drain(KafkaConsumer<byte[], byte[]> consumer) throws java.io.IOException {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                int id = JSON.readTree(r.value()).get("orderId").asInt();
                Long sent = sentAt.get(id);
                if (sent != null) {
                    latencies.putIfAbsent(id, System.nanoTime() - sent);
                }
            }
        }

        private void printCounts(LocalStack stack, String queue, String prefix) {
            System.out.printf(
                    "%s  produced %d (%d JSON, %d Glue-Avro) | at EventBridge %d | being delivered to SQS %d"
                            + " | in SQS %d | back in Kafka %d ",
                    prefix,
                    json + avro,
                    json,
                    avro,
                    stack.eventBridge().receivedCount(),
                    stack.sqs().pendingDeliveries(),
                    stack.sqs().visible(queue) + stack.sqs().inFlight(queue),
                    latencies.size());
        }
    }

    private static long percentileMs(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return -1;
        }
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return TimeUnit.NANOSECONDS.toMillis(sortedNanos[Math.max(0, index)]);
    }

    private static void printHowToReach(LocalStack stack, String queue) {
        System.out.println("Connect REST API:  " + stack.connect().endpointForResource("connectors"));
        System.out.println("Local EventBridge: " + stack.eventBridge().endpoint() + " (region us-east-1, access key "
                + "AKIDLOCALEVENTBRIDGE, secret local-secret-key)");
        System.out.println("Local SQS:         " + stack.sqs().endpoint() + " (queue " + queue + ")");
        System.out.println("Kafka:             " + stack.connect().kafka().bootstrapServers());
        System.out.println("Try:");
        System.out.println("  curl -s " + stack.connect().endpointForResource("connectors?expand=status"));
        System.out.println(
                "  curl -s " + stack.connect().endpointForResource("connectors/orders-from-eventbridge/status"));
        String faults = stack.eventBridge().endpoint() + LocalEventBridge.FAULTS_PATH;
        System.out.println(
                "  curl -s -X POST '" + faults + "?entryThrottleRate=0.2&latencyMs=20&seed=7'   # inject faults");
        System.out.println("  curl -s -X DELETE " + faults + "   # clear them");
        System.out.println("Press Ctrl+C to stop.");
    }
}
