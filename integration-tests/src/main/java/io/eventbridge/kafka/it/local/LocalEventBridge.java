package io.eventbridge.kafka.it.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local AWS endpoint on loopback for the connectors' tests, benchmarks and quickstart. It speaks
 * the real wire protocols to the real SDK:
 * <ul>
 *   <li>EventBridge, AWS JSON 1.1 ({@code X-Amz-Target: AWSEvents.PutEvents}), see {@link EventBridgeApi};</li>
 *   <li>S3 PutObject, path-style ({@code PUT /bucket/key}), for claim-check offloading;</li>
 *   <li>STS AssumeRole, AWS query protocol, recording what each call sent;</li>
 *   <li>the AWS Glue Schema Registry calls of Glue's serde, AWS JSON 1.1 ({@code AWSGlue.}), see
 *       {@link GlueSchemaRegistryApi}.</li>
 * </ul>
 * Every request must carry a SigV4 {@code Authorization} header for the right service, or it is
 * refused as the real service would. {@link Faults} injects latency, errors and stalls into PutEvents,
 * set from Java or through the unsigned admin API at {@link #FAULTS_PATH}.
 */
public final class LocalEventBridge implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIDLOCALEVENTBRIDGE";
    public static final String SECRET_KEY = "local-secret-key";
    public static final String REGION = "us-east-1";
    /** Path of the fault-injection admin API. */
    public static final String FAULTS_PATH = "/_local/faults";

    private static final Logger log = LoggerFactory.getLogger(LocalEventBridge.class);

    static {
        // Answer without Nagle's delay: headers and body are separate writes, and a delayed ACK on the
        // client would otherwise hold every response ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final LocalIam iam = new LocalIam();
    private final EventBridgeApi events;
    private volatile LocalSqs sqs;
    private final GlueSchemaRegistryApi glue = new GlueSchemaRegistryApi(REGION);
    private final SchemasApi schemas;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Map<String, String>> assumeRoleCalls = new CopyOnWriteArrayList<>();
    private final AtomicLong injectedErrors = new AtomicLong();
    private final AccountQuota quota = new AccountQuota(faults);
    private final AtomicLong quotaThrottled = new AtomicLong();
    private final Map<String, Long> signingAlgorithms = new ConcurrentHashMap<>();
    private final AtomicLong sigV4aVerified = new AtomicLong();
    private final AtomicLong sigV4aRefused = new AtomicLong();
    private final java.util.Set<String> userAgents = ConcurrentHashMap.newKeySet();
    /** The lifetime a test imposes on AssumeRole sessions, shorter than AWS allows; 0 when none is imposed. */
    private volatile long credentialLifetimeSeconds = 0;

    private LocalEventBridge(int port) throws IOException {
        this.events = new EventBridgeApi(REGION, faults, iam);
        this.schemas = new SchemasApi(REGION, iam);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-eventbridge");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts on a free loopback port. */
    public static LocalEventBridge start() throws IOException {
        return start(0);
    }

    public static LocalEventBridge start(int port) throws IOException {
        LocalEventBridge local = new LocalEventBridge(port);
        local.server.start();
        log.info("Local EventBridge listening on {}", local.endpoint());
        return local;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** PutEvents requests answered ThrottlingException because their account was over its quota. */
    public long quotaThrottledRequests() {
        return quotaThrottled.get();
    }

    /** Creates a custom event bus of the default account and returns its ARN (idempotent). */
    public String createBus(String name) {
        return events.createBus(LocalIam.DEFAULT_ACCOUNT, name);
    }

    /** Creates a custom event bus of {@code account} and returns its ARN (idempotent). */
    public String createBus(String account, String name) {
        return events.createBus(account, name);
    }

    /** The accounts, access keys and identity policies requests are checked against (shared with the local SQS). */
    public LocalIam iam() {
        return iam;
    }

    /** Rule deliveries to SQS that failed (a queue policy refused the rule, or the queue does not exist). */
    public long failedInvocations() {
        return events.delivery.failedInvocations();
    }

    /** Failed deliveries that went to the target's dead-letter queue. */
    public long deadLetteredInvocations() {
        return events.delivery.deadLettered();
    }

    /** Failed deliveries lost: no dead-letter queue, or it refused too (EventBridge's EventsDropped). */
    public long droppedInvocations() {
        return events.delivery.dropped();
    }

    /** The request byte limit PutEvents enforces (256 KiB by default; 1 MiB for large-event buses). */
    public void maxRequestBytes(int value) {
        events.maxRequestBytes(value);
    }

    /** Whether accepted events are kept for {@link #events()}; benchmarks only count them. */
    public void keepEvents(boolean value) {
        events.keepEvents(value);
    }

    public void onEvent(Consumer<ReceivedEvent> listener) {
        events.onEvent(listener);
    }

    public List<ReceivedEvent> events() {
        return events.events();
    }

    public long receivedCount() {
        return events.receivedCount();
    }

    /**
     * Puts an enabled rule on a bus of the default account with a pattern the stack does not check: what a rule with
     * a pattern feature newer than the connector's matcher looks like to it.
     */
    public void putRuleAsIs(String bus, String rule, String eventPattern) {
        try {
            events.rules.putRuleAsIs(createBus(bus), rule, eventPattern, LocalIam.DEFAULT_ACCOUNT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every version's content of a schema in a registry of the default account, oldest first; empty if none. */
    public List<String> schemaVersions(String registry, String schema) {
        return schemas.registries().contents(LocalIam.DEFAULT_ACCOUNT, registry, schema);
    }

    /** Creates a started schema discoverer on a bus of the default account, as the console's "Start discovery" does. */
    public void startSchemaDiscovery(String busArn) {
        var body = "{\"SourceArn\":\"" + busArn + "\"}";
        try {
            schemas.handle(
                    "POST",
                    "/v1/discoverers",
                    Map.of(),
                    body.getBytes(StandardCharsets.UTF_8),
                    iam.account(LocalIam.DEFAULT_ACCOUNT));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Puts a rule with one SQS target on a bus of the default account (creating the bus if needed), as the console
     * does: PutRule, a queue policy that lets the rule send, PutTargets.
     */
    public void createRule(String bus, String rule, String eventPattern, String queueArn) {
        createBus(bus);
        LocalIam.Credentials admin = iam.account(LocalIam.DEFAULT_ACCOUNT);
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var request = json.createObjectNode()
                    .put("Name", rule)
                    .put("EventBusName", bus)
                    .put("EventPattern", eventPattern);
            AwsResponse put = events.rules.handle("PutRule", request, admin);
            String ruleArn = json.readTree(put.body()).path("RuleArn").asText();
            if (sqs != null) {
                sqs.allowRules(sqs.queueUrl(queueArn), ruleArn);
            }
            var targets = json.createObjectNode().put("Rule", rule).put("EventBusName", bus);
            targets.putArray("Targets").addObject().put("Id", "queue").put("Arn", queueArn);
            events.rules.handle("PutTargets", targets, admin);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Connects rules' SQS targets to the local SQS, whose queue policies are checked before each delivery. */
    public void deliverTo(LocalSqs queues) {
        this.sqs = queues;
        events.delivery.connect(queues);
    }

    /** Schema versions registered in the local Glue Schema Registry: id, schema, definition, status. */
    public List<GlueSchemaRegistryApi.Version> glueSchemaVersions() {
        return glue.versions();
    }

    public long putEventsRequests() {
        return events.requests();
    }

    public long rejectedEntries() {
        return events.rejectedEntries();
    }

    public long injectedRequestErrors() {
        return injectedErrors.get();
    }

    /** EventBridge requests counted by the signing algorithm their Authorization header names. */
    /** SigV4a-signed requests whose signature verified, and those refused as InvalidSignatureException. */
    public long[] sigV4aChecks() {
        return new long[] {sigV4aVerified.get(), sigV4aRefused.get()};
    }

    public Map<String, Long> signingAlgorithms() {
        return Map.copyOf(signingAlgorithms);
    }

    /**
     * Caps how long the credentials AssumeRole hands out stay valid, below AWS's 900 s floor (short ones make
     * clients refresh); 0 lifts the cap, so a session lasts its DurationSeconds (3,600 by default) as on AWS.
     */
    public void credentialLifetimeSeconds(long seconds) {
        credentialLifetimeSeconds = seconds;
    }

    /** The distinct User-Agent headers of EventBridge requests (the first 100). */
    public java.util.Set<String> userAgents() {
        return java.util.Set.copyOf(userAgents);
    }

    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    public List<Map<String, String>> assumeRoleCalls() {
        return List.copyOf(assumeRoleCalls);
    }

    public void reset() {
        events.reset();
        iam.reset();
        glue.reset();
        schemas.reset();
        objects.clear();
        assumeRoleCalls.clear();
        signingAlgorithms.clear();
        sigV4aVerified.set(0);
        sigV4aRefused.set(0);
        userAgents.clear();
        credentialLifetimeSeconds = 0;
        injectedErrors.set(0);
        quotaThrottled.set(0);
        quota.reset();
        faults.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            AwsResponse response = route(exchange, body);
            if (response == null) {
                return; // stalled: the connection is dropped without an answer
            }
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            exchange.getResponseHeaders()
                    .add("x-amzn-RequestId", UUID.randomUUID().toString());
            if (response.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", response.errorType());
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            log.debug("Local endpoint request failed", e);
        } catch (RuntimeException | Error e) {
            log.warn("Local endpoint could not handle a request", e);
        }
    }

    private AwsResponse route(HttpExchange exchange, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String method = exchange.getRequestMethod();
        if (exchange.getRequestURI().getPath().equals(FAULTS_PATH)) {
            return FaultsAdmin.handle(faults, method, exchange.getRequestURI().getRawQuery());
        }
        if (target != null && target.startsWith("AWSEvents.")) {
            String refused = SigV4Check.refusal(exchange.getRequestHeaders().getFirst("Authorization"), "events");
            if (refused != null) {
                return AwsResponse.error(400, "IncompleteSignatureException", refused);
            }
            String algorithm = SigV4Check.algorithm(exchange.getRequestHeaders().getFirst("Authorization"));
            signingAlgorithms.merge(algorithm, 1L, Long::sum);
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (userAgent != null && userAgents.size() < 100) {
                userAgents.add(userAgent);
            }
            LocalIam.Credentials caller = iam.byAccessKey(
                    SigV4Check.accessKey(exchange.getRequestHeaders().getFirst("Authorization")));
            LocalIam.SessionRefusal session = caller == null
                    ? null
                    : LocalIam.sessionRefusal(
                            caller, exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            if (caller == null || session == LocalIam.SessionRefusal.INVALID_TOKEN) {
                return AwsResponse.error(
                        400,
                        "UnrecognizedClientException",
                        "The security token included in the " + "request is invalid.");
            }
            if (session == LocalIam.SessionRefusal.EXPIRED) {
                iam.countExpired();
                return AwsResponse.error(
                        400, "ExpiredTokenException", "The security token included in the request " + "is expired");
            }
            if (SigV4aVerifier.ALGORITHM.equals(algorithm)) { // global endpoints: the ECDSA signature is checked
                String invalid = SigV4aVerifier.refusal(
                        method,
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(),
                        body,
                        caller.secretAccessKey(),
                        Instant.now());
                if (invalid != null) {
                    sigV4aRefused.incrementAndGet();
                    return AwsResponse.error(403, "InvalidSignatureException", invalid);
                }
                sigV4aVerified.incrementAndGet();
            }
            String operation = target.substring("AWSEvents.".length());
            if (operation.equals("PutEvents")) {
                // metered on arrival, answered after the latency: a throttled request costs its round trip too
                boolean withinQuota = quota.tryAcquire(caller.account());
                AwsResponse injected = injectFault();
                if (injected == STALLED) {
                    return null;
                }
                if (injected != null) {
                    return injected;
                }
                if (!withinQuota) {
                    quotaThrottled.incrementAndGet();
                    return AwsResponse.error(400, "ThrottlingException", "Rate exceeded");
                }
            }
            return events.handle(operation, body, caller);
        }
        if (target == null && SchemasApi.handles(exchange.getRequestURI().getPath())) {
            if (faults.schemasUnavailable()) {
                return SchemasApi.error(503, "ServiceUnavailableException", "The service is unavailable.");
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String refused = SigV4Check.refusal(authorization, "schemas");
            if (refused != null) {
                return SchemasApi.error(403, "ForbiddenException", refused);
            }
            LocalIam.Credentials caller = iam.byAccessKey(SigV4Check.accessKey(authorization));
            LocalIam.SessionRefusal session = caller == null
                    ? null
                    : LocalIam.sessionRefusal(
                            caller, exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            if (caller == null || session == LocalIam.SessionRefusal.INVALID_TOKEN) {
                return SchemasApi.error(
                        401, "UnauthorizedException", "The security token included in the request " + "is invalid.");
            }
            if (session == LocalIam.SessionRefusal.EXPIRED) {
                iam.countExpired();
                return SchemasApi.error(
                        403, "ExpiredTokenException", "The security token included in the request " + "is expired");
            }
            return schemas.handle(
                    method,
                    exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    body,
                    caller);
        }
        if (target != null && target.startsWith("AWSGlue.")) {
            String refused = SigV4Check.refusal(exchange.getRequestHeaders().getFirst("Authorization"), "glue");
            return refused != null
                    ? AwsResponse.error(400, "IncompleteSignatureException", refused)
                    : glue.handle(target.substring("AWSGlue.".length()), body);
        }
        if (method.equals("POST") && new String(body, StandardCharsets.UTF_8).contains("Action=AssumeRole")) {
            String refused = SigV4Check.refusal(exchange.getRequestHeaders().getFirst("Authorization"), "sts");
            return refused != null ? AwsResponse.error(403, "IncompleteSignature", refused) : assumeRole(body);
        }
        if (method.equals("PUT")) {
            String refused = SigV4Check.refusal(exchange.getRequestHeaders().getFirst("Authorization"), "s3");
            if (refused != null) {
                return AwsResponse.xml(
                        403, "<Error><Code>AccessDenied</Code><Message>" + refused + "</Message></Error>");
            }
            var headers = exchange.getRequestHeaders();
            byte[] data =
                    AwsChunked.isChunked(headers.getFirst("Content-Encoding"), headers.getFirst("x-amz-content-sha256"))
                            ? AwsChunked.decode(body)
                            : body;
            objects.put(exchange.getRequestURI().getPath(), data);
            exchange.getResponseHeaders().add("ETag", "\"" + md5Hex(data) + "\""); // as S3 does for one-part uploads
            return new AwsResponse(200, "application/xml", new byte[0]);
        }
        return AwsResponse.error(400, "UnknownOperationException", "Unsupported request " + method + " " + target);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static String md5Hex(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a request that got no answer: the connection is dropped after the stall. */
    private static final AwsResponse STALLED = new AwsResponse(0, "", new byte[0]);

    /** Latency and whole-request faults; null when the request goes through. */
    private AwsResponse injectFault() {
        if (faults.draw(faults.stallRate())) {
            injectedErrors.incrementAndGet();
            sleep(faults.stallMs());
            return STALLED;
        }
        if (faults.latencyMs() > 0) {
            sleep(faults.latencyMs());
        }
        if (faults.draw(faults.http500Rate())) {
            injectedErrors.incrementAndGet();
            return AwsResponse.error(500, "InternalException", "Internal service error (injected)");
        }
        if (faults.draw(faults.requestThrottleRate())) {
            injectedErrors.incrementAndGet();
            return AwsResponse.error(400, "ThrottlingException", "Rate exceeded (injected)");
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AwsResponse assumeRole(byte[] body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        assumeRoleCalls.add(Map.copyOf(params));
        String roleArn = params.getOrDefault("RoleArn", "");
        String[] arn = roleArn.split(":");
        String account = arn.length > 4 && arn[4].matches("\\d{12}") ? arn[4] : LocalIam.DEFAULT_ACCOUNT;
        long lifetime;
        try {
            lifetime = Long.parseLong(params.getOrDefault("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            lifetime = -1;
        }
        // AWS: 900 s at least, and at most the role's MaxSessionDuration (3,600 s unless the role raises it; the
        // local roles do not)
        if (lifetime < 900 || lifetime > 3600) {
            return stsError(
                    400,
                    "ValidationError",
                    lifetime < 900
                            ? "1 validation error detected: Value '" + params.get("DurationSeconds")
                                    + "' at 'durationSeconds' "
                                    + "failed to satisfy constraint: Member must have value greater than or equal to 900"
                            : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        long capped = credentialLifetimeSeconds;
        LocalIam.Credentials session =
                iam.session(account, java.time.Duration.ofSeconds(capped > 0 ? Math.min(capped, lifetime) : lifetime));
        return AwsResponse.xml(
                200,
                "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<AssumeRoleResult><Credentials><AccessKeyId>" + session.accessKeyId() + "</AccessKeyId>"
                        + "<SecretAccessKey>" + session.secretAccessKey() + "</SecretAccessKey><SessionToken>"
                        + session.sessionToken() + "</SessionToken>"
                        + "<Expiration>" + session.expires() + "</Expiration></Credentials>"
                        + "<AssumedRoleUser><AssumedRoleId>AROALOCAL:" + params.get("RoleSessionName")
                        + "</AssumedRoleId>"
                        + "<Arn>" + params.get("RoleArn") + "/" + params.get("RoleSessionName")
                        + "</Arn></AssumedRoleUser>"
                        + "</AssumeRoleResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
                        + "</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    /** An error in the STS query protocol's XML shape, which the SDK reads the code from. */
    private static AwsResponse stsError(int status, String code, String message) {
        return AwsResponse.xml(
                status,
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error><RequestId>"
                        + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
