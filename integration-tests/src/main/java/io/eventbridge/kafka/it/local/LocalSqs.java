package io.eventbridge.kafka.it.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS on loopback: embedded ElasticMQ, which speaks SQS's JSON and query protocols to the real SDK with
 * SQS's semantics (visibility timeouts, receipt handles, FIFO groups, redrive), behind a {@link SqsFront} that
 * checks access keys and identity policies and keeps the attributes ElasticMQ ignores (queue policies, SSE).
 * Queues live in {@link LocalIam#DEFAULT_ACCOUNT}. A plain SDK client here creates queues, sends messages and
 * counts what is left.
 */
public final class LocalSqs implements AutoCloseable {
    public static final String ACCOUNT = LocalIam.DEFAULT_ACCOUNT;
    private static final Logger log = LoggerFactory.getLogger(LocalSqs.class);

    private final SQSRestServer server;
    private final int port;
    private final SqsFront front;
    private final SqsClient client;
    /** Deliveries go over Netty: the synchronous client waits tens of ms per call on this server. */
    private final software.amazon.awssdk.services.sqs.SqsAsyncClient asyncClient;

    private LocalSqs(SQSRestServer server, int port, SqsFront front) {
        this.server = server;
        this.port = port;
        this.front = front;
        this.client = SqsClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
        this.asyncClient = software.amazon.awssdk.services.sqs.SqsAsyncClient.builder()
                .endpointOverride(URI.create(directEndpoint()))
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
    }

    public static LocalSqs start() throws IOException {
        return start(new LocalIam());
    }

    /** @param iam the accounts and identity policies requests are checked against */
    public static LocalSqs start(LocalIam iam) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(LocalEventBridge.REGION)
                .withAWSAccountId(ACCOUNT)
                .start();
        server.waitUntilStarted();
        SqsFront front = new SqsFront("http://127.0.0.1:" + port, LocalEventBridge.REGION, ACCOUNT, iam);
        log.info("Local SQS listening on {} (ElasticMQ on http://127.0.0.1:{})", front.endpoint(), port);
        LocalSqs sqs = new LocalSqs(server, port, front);
        sqs.warmUp();
        return sqs;
    }

    /**
     * Sends, delivers, receives and deletes a few messages on a queue of its own, then deletes the queue: the first
     * calls of each path (the SDK clients, the front, ElasticMQ's handlers, the delivery threads) cost over a second on
     * a fresh JVM, and that is the test rig's start, not the latency of the connectors it measures (the quickstart's
     * bus -> SQS hop took 2.3 s at p50 without it, 0.7 s in a second, warm burst: docs/performance.md).
     */
    private void warmUp() {
        String queue = createQueue("local-sqs-warm-up");
        List<String> bodies = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "{\"warm-up\":" + i + "}")
                .toList();
        send(queue, bodies, null);
        bodies.forEach(b -> deliver(queue, b));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        int received = 0;
        while (received < 40 && System.nanoTime() < deadline) {
            var messages = client.receiveMessage(
                            b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            received += messages.size();
            if (!messages.isEmpty()) {
                client.deleteMessageBatch(b -> b.queueUrl(queue)
                        .entries(messages.stream()
                                .map(m ->
                                        software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry
                                                .builder()
                                                .id(m.messageId())
                                                .receiptHandle(m.receiptHandle())
                                                .build())
                                .toList()));
            }
        }
        client.deleteQueue(b -> b.queueUrl(queue));
    }

    /**
     * A fault: while on, every message ReceiveMessage returns through {@link #endpoint()} has a wrong
     * {@code MD5OfBody}, as if its body had been corrupted on the way; the SDK's digest check refuses such an answer.
     */
    public void corruptBodyDigests(boolean corrupt) {
        front.corruptBodyDigests(corrupt);
    }

    /** The endpoint clients use: SQS with policies, SSE attributes and access checks. */
    public String endpoint() {
        return front.endpoint();
    }

    /**
     * ElasticMQ itself, without the front: no access checks, and queue policies and SSE attributes are not kept.
     * The source benchmark receives here, so its figures stay comparable with earlier runs.
     */
    public String directEndpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A queue's policy document, or null; by the queue's ARN. */
    public String policy(String queueArn) {
        return front.policy(name(queueArn));
    }

    /** Whether a queue of this ARN exists here (it is in this account and was created). */
    public boolean exists(String queueArn) {
        return queueArn.startsWith("arn:aws:sqs:" + LocalEventBridge.REGION + ":" + ACCOUNT + ":")
                && front.exists(name(queueArn));
    }

    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** A client of the SQS endpoint ({@link #endpoint()}), as the default account. */
    public SqsClient client() {
        return client;
    }

    private volatile SqsClient directClient;

    /** A client of ElasticMQ itself ({@link #directEndpoint()}), for benchmark loops that measure the queue server. */
    public synchronized SqsClient directClient() {
        if (directClient == null) {
            directClient = SqsClient.builder()
                    .endpointOverride(URI.create(directEndpoint()))
                    .region(Region.of(LocalEventBridge.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                    .build();
        }
        return directClient;
    }

    /** Creates a queue (a FIFO one when the name ends in .fifo) and returns its URL. */
    public String createQueue(String name) {
        CreateQueueRequest.Builder request = CreateQueueRequest.builder().queueName(name);
        if (name.endsWith(".fifo")) {
            request.attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"));
        }
        return client.createQueue(request.build()).queueUrl();
    }

    /** Sends bodies ten per call; on FIFO queues {@code groupIds} gives each message's group. */
    public void send(String queueUrl, List<String> bodies, List<String> groupIds) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .messageBody(bodies.get(j));
                if (groupIds != null) {
                    e.messageGroupId(groupIds.get(j)).messageDeduplicationId("d" + j + "-" + System.nanoTime());
                }
                entries.add(e.build());
            }
            var response = client.sendMessageBatch(SendMessageBatchRequest.builder()
                    .queueUrl(queueUrl)
                    .entries(entries)
                    .build());
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch failed: " + response.failed());
            }
        }
    }

    /** The URL of a queue by its ARN (arn:aws:sqs:region:account:name). */
    public String queueUrl(String arn) {
        return endpoint() + "/" + ACCOUNT + "/" + name(arn);
    }

    /**
     * Lets EventBridge send to the queue, as the console does when a queue becomes a rule's target: a policy that
     * allows {@code sqs:SendMessage} from {@code events.amazonaws.com} for these rules only (aws:SourceArn).
     */
    public void allowRules(String queueUrl, String... ruleArns) {
        String arn = queueArn(queueUrl);
        var policy = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("Version", "2012-10-17");
        var statement = policy.putArray("Statement")
                .addObject()
                .put("Sid", "events-to-queue")
                .put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "events.amazonaws.com");
        statement.put("Action", "sqs:SendMessage").put("Resource", arn);
        var sources = statement.putObject("Condition").putObject("ArnEquals").putArray("aws:SourceArn");
        for (String rule : ruleArns) {
            sources.add(rule);
        }
        client.setQueueAttributes(
                b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy.toString())));
    }

    /** The ARN of a queue by its URL. */
    public static String queueArn(String url) {
        return "arn:aws:sqs:" + LocalEventBridge.REGION + ":" + ACCOUNT + ":" + url.substring(url.lastIndexOf('/') + 1);
    }

    private record Delivery(String queueUrl, String body, Map<String, String> attributes, String groupId) {}

    private final java.util.concurrent.LinkedBlockingQueue<Delivery> deliveries =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private final List<Thread> deliverers = new java.util.ArrayList<>();
    private static final int DELIVERY_THREADS = 4;

    /**
     * Queues a message for asynchronous delivery, as EventBridge delivers to its targets: background threads
     * send what has queued up, ten per SendMessageBatch call.
     */
    public void deliver(String queueUrl, String body) {
        deliver(queueUrl, body, Map.of(), null);
    }

    /**
     * As {@link #deliver(String, String)}, with string message attributes, and on a FIFO queue the message group
     * (the target's SqsParameters) and the body's hash as deduplication id (content-based deduplication).
     */
    public synchronized void deliver(String queueUrl, String body, Map<String, String> attributes, String groupId) {
        if (deliverers.isEmpty()) {
            for (int i = 0; i < DELIVERY_THREADS; i++) {
                Thread t = new Thread(this::deliverLoop, "local-eventbridge-to-sqs-" + i);
                t.setDaemon(true);
                t.start();
                deliverers.add(t);
            }
        }
        deliveries.add(new Delivery(queueUrl, body, attributes, groupId));
    }

    private void deliverLoop() {
        List<Delivery> batch = new java.util.ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(deliveries.take());
                deliveries.drainTo(batch, 99);
                Map<String, List<Delivery>> byQueue = new java.util.LinkedHashMap<>();
                for (Delivery d : batch) {
                    byQueue.computeIfAbsent(d.queueUrl(), k -> new java.util.ArrayList<>())
                            .add(d);
                }
                batch.clear();
                byQueue.forEach(this::sendAsync);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Delivering to SQS failed", e);
            }
        }
    }

    private void sendAsync(String queueUrl, List<Delivery> bodies) {
        List<java.util.concurrent.CompletableFuture<?>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                Delivery d = bodies.get(j);
                SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .messageBody(d.body());
                if (!d.attributes().isEmpty()) {
                    Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes =
                            new java.util.HashMap<>();
                    d.attributes()
                            .forEach((k, v) -> attributes.put(
                                    k,
                                    software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                                            .dataType("String")
                                            .stringValue(v)
                                            .build()));
                    e.messageAttributes(attributes);
                }
                if (queueUrl.endsWith(".fifo")) {
                    e.messageGroupId(d.groupId() == null ? "events" : d.groupId())
                            .messageDeduplicationId(java.util.UUID.randomUUID().toString());
                }
                entries.add(e.build());
            }
            calls.add(asyncClient.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
        }
        java.util.concurrent.CompletableFuture.allOf(calls.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .join();
        for (java.util.function.Consumer<String> listener : deliveryListeners) {
            bodies.forEach(d -> listener.accept(d.body()));
        }
    }

    private final List<java.util.function.Consumer<String>> deliveryListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Called with the body of each message the local EventBridge delivered, once SQS has it. */
    public void onDelivered(java.util.function.Consumer<String> listener) {
        deliveryListeners.add(listener);
    }

    /** Messages handed to {@link #deliver} and not yet sent. */
    public int pendingDeliveries() {
        return deliveries.size();
    }

    /** Messages waiting to be received. */
    public int visible(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages received and neither deleted nor visible again. */
    public int inFlight(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private int attribute(String queueUrl, QueueAttributeName name) {
        return Integer.parseInt(
                client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name))
                        .attributes()
                        .get(name));
    }

    @Override
    public void close() {
        deliverers.forEach(Thread::interrupt);
        front.close();
        if (directClient != null) {
            directClient.close();
        }
        asyncClient.close();
        client.close();
        server.stopAndWait();
    }
}
