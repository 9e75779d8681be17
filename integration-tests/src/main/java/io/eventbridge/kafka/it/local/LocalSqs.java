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
 * SQS's semantics (visibility timeouts, receipt handles, FIFO groups). A plain SDK client here creates
 * queues, sends messages and counts what is left.
 */
public final class LocalSqs implements AutoCloseable {
    public static final String ACCOUNT = "000000000000";
    private static final Logger log = LoggerFactory.getLogger(LocalSqs.class);

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;
    /** Deliveries go over Netty: the synchronous client waits tens of ms per call on this server. */
    private final software.amazon.awssdk.services.sqs.SqsAsyncClient asyncClient;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(LocalEventBridge.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
            .build();
        this.asyncClient = software.amazon.awssdk.services.sqs.SqsAsyncClient.builder()
            .endpointOverride(URI.create(endpoint())).region(Region.of(LocalEventBridge.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
            .build();
    }

    public static LocalSqs start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
            .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
            .withAWSRegion(LocalEventBridge.REGION).withAWSAccountId(ACCOUNT).start();
        server.waitUntilStarted();
        log.info("Local SQS (ElasticMQ) listening on http://127.0.0.1:{}", port);
        return new LocalSqs(server, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public SqsClient client() {
        return client;
    }

    /** Creates a queue (a FIFO one when the name ends in .fifo) and returns its URL. */
    public String createQueue(String name) {
        CreateQueueRequest.Builder request = CreateQueueRequest.builder().queueName(name);
        if (name.endsWith(".fifo")) {
            request.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"));
        }
        return client.createQueue(request.build()).queueUrl();
    }

    /** Sends bodies ten per call; on FIFO queues {@code groupIds} gives each message's group. */
    public void send(String queueUrl, List<String> bodies, List<String> groupIds) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(j - i)).messageBody(bodies.get(j));
                if (groupIds != null) {
                    e.messageGroupId(groupIds.get(j)).messageDeduplicationId("d" + j + "-" + System.nanoTime());
                }
                entries.add(e.build());
            }
            var response = client.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl)
                .entries(entries).build());
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch failed: " + response.failed());
            }
        }
    }

    /** The URL of a queue by its ARN (arn:aws:sqs:region:account:name). */
    public String queueUrl(String arn) {
        return endpoint() + "/" + ACCOUNT + "/" + arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** The ARN of a queue by its URL. */
    public static String queueArn(String url) {
        return "arn:aws:sqs:" + LocalEventBridge.REGION + ":" + ACCOUNT + ":" + url.substring(url.lastIndexOf('/') + 1);
    }

    private final java.util.concurrent.LinkedBlockingQueue<String[]> deliveries =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final List<Thread> deliverers = new java.util.ArrayList<>();
    private static final int DELIVERY_THREADS = 4;

    /**
     * Queues a message for asynchronous delivery, as EventBridge delivers to its targets: background threads
     * send what has queued up, ten per SendMessageBatch call.
     */
    public synchronized void deliver(String queueUrl, String body) {
        if (deliverers.isEmpty()) {
            for (int i = 0; i < DELIVERY_THREADS; i++) {
                Thread t = new Thread(this::deliverLoop, "local-eventbridge-to-sqs-" + i);
                t.setDaemon(true);
                t.start();
                deliverers.add(t);
            }
        }
        deliveries.add(new String[] {queueUrl, body});
    }

    private void deliverLoop() {
        List<String[]> batch = new java.util.ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(deliveries.take());
                deliveries.drainTo(batch, 99);
                Map<String, List<String>> byQueue = new java.util.LinkedHashMap<>();
                for (String[] d : batch) {
                    byQueue.computeIfAbsent(d[0], k -> new java.util.ArrayList<>()).add(d[1]);
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

    private void sendAsync(String queueUrl, List<String> bodies) {
        List<java.util.concurrent.CompletableFuture<?>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(j - i)).messageBody(bodies.get(j));
                if (queueUrl.endsWith(".fifo")) {
                    e.messageGroupId("events").messageDeduplicationId(java.util.UUID.randomUUID().toString());
                }
                entries.add(e.build());
            }
            calls.add(asyncClient.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)));
        }
        java.util.concurrent.CompletableFuture.allOf(calls.toArray(new java.util.concurrent.CompletableFuture[0]))
            .join();
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
        return Integer.parseInt(client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name))
            .attributes().get(name));
    }

    @Override
    public void close() {
        deliverers.forEach(Thread::interrupt);
        asyncClient.close();
        client.close();
        server.stopAndWait();
    }
}
