package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQS endpoint clients see: it checks each request's signature format and access key, and the caller's
 * identity policy ({@link LocalIam}), then passes it to ElasticMQ, which does the queueing. ElasticMQ ignores the
 * attributes {@code Policy}, {@code SqsManagedSseEnabled}, {@code KmsMasterKeyId} and {@code MessageRetentionPeriod};
 * SQS keeps them and returns them (the last two with their defaults), and the local EventBridge reads a queue's
 * policy before it delivers, so this front keeps them per queue and adds them to GetQueueAttributes answers (SQS
 * JSON protocol, {@code X-Amz-Target: AmazonSQS.*}). Messages are not expired after the retention period.
 */
final class SqsFront implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsFront.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEPT = Set.of(
            "Policy",
            "SqsManagedSseEnabled",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "MessageRetentionPeriod");
    /** What SQS answers for a kept attribute never set: four days' retention; the rest are absent. */
    private static final Map<String, String> DEFAULTS =
            Map.of("SqsManagedSseEnabled", "false", "MessageRetentionPeriod", "345600");

    private static final Set<String> HOP_HEADERS =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final String backend;
    private final String region;
    private final String account;
    private final LocalIam iam;
    /** Queue name -> the kept attributes; a queue created through this front is always here. */
    private final Map<String, Map<String, String>> queues = new ConcurrentHashMap<>();
    /** A fault: ReceiveMessage answers with a wrong MD5OfBody for every message, as a body corrupted in transit. */
    private volatile boolean corruptBodyDigests;

    SqsFront(String backend, String region, String account, LocalIam iam) throws IOException {
        this.backend = backend;
        this.region = region;
        this.account = account;
        this.iam = iam;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-sqs-front");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void corruptBodyDigests(boolean corrupt) {
        corruptBodyDigests = corrupt;
    }

    /** The queue's policy document, or null when it has none. */
    String policy(String queueName) {
        Map<String, String> kept = queues.get(queueName);
        return kept == null ? null : kept.get("Policy");
    }

    boolean exists(String queueName) {
        return queues.containsKey(queueName);
    }

    String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + queueName;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer = answer(exchange, body);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            log.debug("Local SQS request failed", e);
        } catch (RuntimeException e) {
            log.warn("Local SQS could not handle a request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {}

    private static Answer error(int status, String code, String message) {
        String json = JSON.createObjectNode()
                .put("__type", "com.amazonaws.sqs#" + code)
                .put("message", message)
                .toString();
        return new Answer(
                status,
                Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-query-error", code + ";Sender"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private Answer answer(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String refused = SigV4Check.refusal(authorization, "sqs");
        if (refused != null) {
            return error(400, "IncompleteSignature", refused);
        }
        LocalIam.Credentials caller = iam.byAccessKey(SigV4Check.accessKey(authorization));
        LocalIam.SessionRefusal session = caller == null
                ? null
                : LocalIam.sessionRefusal(caller, exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
        if (caller == null || session == LocalIam.SessionRefusal.INVALID_TOKEN) {
            return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (session == LocalIam.SessionRefusal.EXPIRED) {
            iam.countExpired();
            return error(403, "ExpiredToken", "The security token included in the request is expired");
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith("AmazonSQS.")) {
            return forward(exchange, body); // the query protocol: passed on as it is
        }
        String operation = target.substring("AmazonSQS.".length());
        ObjectNode request = body.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(body);
        String queueName = request.has("QueueName")
                ? request.get("QueueName").asText()
                : request.has("QueueUrl") ? name(request.get("QueueUrl").asText()) : null;
        String resource = queueName == null ? "arn:aws:sqs:" + region + ":" + account + ":*" : queueArn(queueName);
        String denied = iam.identityRefusal(caller, "sqs:" + operation, resource, Map.of());
        if (denied != null) {
            return error(400, "AccessDenied", denied);
        }
        return switch (operation) {
            case "CreateQueue", "SetQueueAttributes" -> setAttributes(exchange, operation, request, queueName);
            case "GetQueueAttributes" -> getAttributes(exchange, request, queueName);
            case "SendMessage" -> {
                String[] problem = bodyProblem(request.path("MessageBody").asText(null));
                yield problem == null ? forward(exchange, body) : error(400, problem[0], problem[1]);
            }
            case "SendMessageBatch" -> sendBatch(exchange, request);
            case "ReceiveMessage" ->
                corruptBodyDigests ? withWrongDigests(forward(exchange, body)) : forward(exchange, body);
            case "DeleteQueue" -> {
                Answer a = forward(exchange, body);
                if (a.status() == 200) {
                    queues.remove(queueName);
                }
                yield a;
            }
            default -> forward(exchange, body);
        };
    }

    /** Largest message body SQS takes, in bytes (and the largest batch, summed). */
    static final int MAX_MESSAGE_BYTES = 1_048_576;

    /**
     * Why SQS would refuse a message body, as {code, message}, or null: no body, a body over 1 MiB, or a
     * character outside XML's (#x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF).
     */
    static String[] bodyProblem(String body) {
        if (body == null || body.isEmpty()) {
            return new String[] {"MissingParameter", "The request must contain the parameter MessageBody."};
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            return new String[] {
                "InvalidParameterValue",
                "One or more parameters are invalid. Reason: Message must " + "be shorter than " + MAX_MESSAGE_BYTES
                        + " bytes."
            };
        }
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD
                    || c >= 0x10000 && c <= 0x10FFFF;
            if (!allowed) {
                return new String[] {
                    "InvalidMessageContents",
                    "Invalid characters found. Deleted message body"
                            + " contains a character outside the allowed set: #x"
                            + Integer.toHexString(c).toUpperCase()
                };
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** SendMessageBatch: entries SQS would refuse fail one by one, as SQS reports them; the rest go on. */
    private Answer sendBatch(HttpExchange exchange, ObjectNode request) throws IOException, InterruptedException {
        JsonNode entries = request.path("Entries");
        long total = 0;
        for (JsonNode entry : entries) {
            total += entry.path("MessageBody").asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_MESSAGE_BYTES) {
            return error(
                    400,
                    "BatchRequestTooLong",
                    "Batch requests cannot be longer than " + MAX_MESSAGE_BYTES + " bytes. You have sent " + total
                            + " bytes.");
        }
        com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        com.fasterxml.jackson.databind.node.ArrayNode failed = JSON.createArrayNode();
        for (JsonNode entry : entries) {
            String[] problem = bodyProblem(entry.path("MessageBody").asText(null));
            if (problem == null) {
                kept.add(entry);
            } else {
                failed.addObject()
                        .put("Id", entry.path("Id").asText())
                        .put("SenderFault", true)
                        .put("Code", problem[0])
                        .put("Message", problem[1]);
            }
        }
        if (failed.isEmpty()) {
            return forward(exchange, JSON.writeValueAsBytes(request));
        }
        ObjectNode out = JSON.createObjectNode();
        out.putArray("Successful");
        if (!kept.isEmpty()) {
            request.set("Entries", kept);
            Answer a = forward(exchange, JSON.writeValueAsBytes(request));
            if (a.status() != 200) {
                return a;
            }
            JsonNode answer = JSON.readTree(a.body());
            out.set(
                    "Successful",
                    answer.path("Successful").isArray() ? answer.get("Successful") : JSON.createArrayNode());
            answer.path("Failed").forEach(failed::add);
        }
        out.set("Failed", failed);
        return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0"), JSON.writeValueAsBytes(out));
    }

    private Answer setAttributes(HttpExchange exchange, String operation, ObjectNode request, String queueName)
            throws IOException, InterruptedException {
        Map<String, String> kept = new HashMap<>();
        JsonNode attributes = request.path("Attributes");
        if (attributes.isObject()) {
            for (String key : KEPT) {
                if (attributes.has(key)) {
                    kept.put(key, attributes.get(key).asText());
                    ((ObjectNode) attributes).remove(key);
                }
            }
        }
        String policy = kept.get("Policy");
        if (policy != null && !policy.isEmpty() && !PolicyEvaluator.readable(policy)) {
            return error(400, "InvalidAttributeValue", "Invalid value for the parameter Policy.");
        }
        if (kept.containsKey("SqsManagedSseEnabled")
                && !List.of("true", "false").contains(kept.get("SqsManagedSseEnabled"))) {
            return error(400, "InvalidAttributeValue", "Invalid value for the parameter SqsManagedSseEnabled.");
        }
        Answer a;
        if (operation.equals("SetQueueAttributes") && (!attributes.isObject() || attributes.isEmpty())) {
            if (!queues.containsKey(queueName)) {
                return error(400, "QueueDoesNotExist", "The specified queue does not exist.");
            }
            a = new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0"), new byte[0]);
        } else {
            a = forward(exchange, JSON.writeValueAsBytes(request));
        }
        if (a.status() == 200) {
            Map<String, String> stored = queues.computeIfAbsent(queueName, n -> new ConcurrentHashMap<>());
            kept.forEach((k, v) -> {
                if (k.equals("Policy") && v.isEmpty()) {
                    stored.remove(k); // SQS removes a policy set to ""
                } else {
                    stored.put(k, v);
                }
            });
        }
        return a;
    }

    private Answer getAttributes(HttpExchange exchange, ObjectNode request, String queueName)
            throws IOException, InterruptedException {
        Answer a = forward(exchange, JSON.writeValueAsBytes(request));
        if (a.status() != 200) {
            return a;
        }
        Set<String> names = new java.util.HashSet<>();
        request.path("AttributeNames").forEach(n -> names.add(n.asText()));
        Map<String, String> kept = queues.getOrDefault(queueName, Map.of());
        ObjectNode response = a.body().length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(a.body());
        ObjectNode out =
                response.has("Attributes") ? (ObjectNode) response.get("Attributes") : response.putObject("Attributes");
        boolean all = names.contains("All");
        if ((all || names.contains("Policy")) && kept.containsKey("Policy")) {
            out.put("Policy", kept.get("Policy"));
        }
        for (String k : List.of(
                "SqsManagedSseEnabled", "MessageRetentionPeriod", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds")) {
            String value = kept.getOrDefault(k, DEFAULTS.get(k));
            if ((all || names.contains(k)) && value != null) {
                out.put(k, value);
            }
        }
        if (out.isEmpty()) {
            response.remove("Attributes");
        }
        return new Answer(200, a.headers(), JSON.writeValueAsBytes(response));
    }

    private static Answer withWrongDigests(Answer a) throws IOException {
        if (a.status() != 200 || a.body().length == 0) {
            return a;
        }
        ObjectNode response = (ObjectNode) JSON.readTree(a.body());
        response.path("Messages").forEach(m -> ((ObjectNode) m).put("MD5OfBody", "0".repeat(32)));
        return new Answer(200, a.headers(), JSON.writeValueAsBytes(response));
    }

    private Answer forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        backend + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Answer(response.statusCode(), headers, response.body());
    }

    private static String name(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
