package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The EventBridge control and data plane the local endpoint serves (AWS JSON 1.1, target prefix
 * {@code AWSEvents.}), per account: PutEvents with EventBridge's limits and per-entry errors; event buses
 * (CreateEventBus, also for a partner event source, and DescribeEventBus with its policy); bus policies
 * (PutPermission, RemovePermission); partner event sources (CreatePartnerEventSource, PutPartnerEvents); and through
 * {@link RulesApi} and {@link ArchivesApi} rules, targets, tags, archives and replays. The caller's account comes
 * from its access key ({@link LocalIam}); another account's bus is reached by ARN where its policy allows.
 */
final class EventBridgeApi {
    static final String ACCOUNT = LocalIam.DEFAULT_ACCOUNT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final Faults faults;
    private final Buses buses;
    private final ConcurrentLinkedQueue<ReceivedEvent> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong receivedCount = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejectedEntries = new AtomicLong();
    private final List<Consumer<ReceivedEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int maxRequestBytes = 256 * 1024;
    private volatile boolean keepEvents = true;

    final TargetDelivery delivery = new TargetDelivery();
    final RulesApi rules;
    final ArchivesApi archives;

    EventBridgeApi(String region, Faults faults, LocalIam iam) {
        this.region = region;
        this.faults = faults;
        this.buses = new Buses(region, iam);
        this.rules = new RulesApi(region, buses, delivery);
        this.archives = new ArchivesApi(region, buses, rules);
        createBus(ACCOUNT, "default");
    }

    /** Creates a bus of {@code account} (idempotent); returns its ARN. */
    String createBus(String account, String name) {
        buses.create(account, "default");
        return buses.create(account, name).arn;
    }

    void maxRequestBytes(int value) {
        maxRequestBytes = value;
    }

    void keepEvents(boolean value) {
        keepEvents = value;
    }

    void onEvent(Consumer<ReceivedEvent> listener) {
        listeners.add(listener);
    }

    List<ReceivedEvent> events() {
        return new ArrayList<>(received);
    }

    long receivedCount() {
        return receivedCount.get();
    }

    long requests() {
        return requests.get();
    }

    long rejectedEntries() {
        return rejectedEntries.get();
    }

    void reset() {
        received.clear();
        rules.reset();
        archives.reset();
        buses.reset();
        delivery.reset();
        receivedCount.set(0);
        requests.set(0);
        rejectedEntries.set(0);
    }

    AwsResponse handle(String operation, byte[] body, LocalIam.Credentials caller) throws IOException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        switch (operation) {
            case "PutEvents":
                return putEvents(request, caller);
            case "CreateEventBus":
                return createEventBus(request, caller);
            case "DescribeEventBus":
                return describeEventBus(request, caller);
            case "PutPermission":
            case "RemovePermission":
                return permission(operation, request, caller);
            case "CreatePartnerEventSource":
                return createPartnerEventSource(request, caller);
            case "PutPartnerEvents":
                return putPartnerEvents(request, caller);
            default:
                if (rules.handles(operation)) {
                    return rules.handle(operation, request, caller);
                }
                if (archives.handles(operation)) {
                    return archives.handle(operation, request, caller);
                }
                return AwsResponse.error(400, "UnknownOperationException", "Unsupported operation " + operation);
        }
    }

    private static AwsResponse denied(String refusal) {
        return AwsResponse.error(400, "AccessDeniedException", refusal);
    }

    private AwsResponse createEventBus(JsonNode request, LocalIam.Credentials caller) {
        String name = request.path("Name").asText("");
        if (name.isEmpty()) {
            return AwsResponse.error(400, "ValidationException", "Name is required");
        }
        String arn = buses.arn(caller.account(), name);
        String refused = buses.refusal(caller, "events:CreateEventBus", arn, null, null);
        if (refused != null) {
            return denied(refused);
        }
        String source = request.path("EventSourceName").asText(null);
        if (name.startsWith("aws.partner/") || source != null) {
            Buses.PartnerSource partner = source == null ? null : buses.partnerSource(source);
            if (partner == null || !partner.customerAccount().equals(caller.account()) || !source.equals(name)) {
                return AwsResponse.error(
                        400,
                        "ResourceNotFoundException",
                        "Event source " + (source == null ? name : source) + " does not exist.");
            }
        }
        if (buses.get(arn) != null) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
        }
        return AwsResponse.json(200, "{\"EventBusArn\":\"" + createBus(caller.account(), name) + "\"}");
    }

    private AwsResponse describeEventBus(JsonNode request, LocalIam.Credentials caller) {
        String arn = buses.resolve(caller.account(), request.path("Name").asText("default"));
        Buses.Bus bus = buses.get(arn);
        String refused = buses.refusal(caller, "events:DescribeEventBus", arn, bus, null);
        if (refused != null) {
            return denied(refused);
        }
        if (bus == null) {
            return Buses.missing(arn);
        }
        ObjectNode out = JSON.createObjectNode().put("Name", bus.name).put("Arn", bus.arn);
        if (bus.policy != null) {
            out.put("Policy", bus.policy);
        }
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse permission(String operation, JsonNode request, LocalIam.Credentials caller) {
        String arn =
                buses.resolve(caller.account(), request.path("EventBusName").asText("default"));
        Buses.Bus bus = buses.get(arn);
        String refused = buses.refusal(caller, "events:" + operation, arn, null, null);
        if (refused == null && bus != null && !bus.account.equals(caller.account())) {
            refused = PolicyEvaluator.refusal(LocalIam.callerArn(caller), "events:" + operation, arn, false);
        }
        if (refused != null) {
            return denied(refused);
        }
        if (bus == null) {
            return Buses.missing(arn);
        }
        if (operation.equals("RemovePermission")) {
            if (request.path("RemoveAllPermissions").asBoolean(false)) {
                bus.policy = null;
            } else if (!buses.removeStatement(bus, request.path("StatementId").asText())) {
                return AwsResponse.error(
                        400, "ResourceNotFoundException", "Statement with the provided id does not " + "exist.");
            }
            return AwsResponse.json(200, "{}");
        }
        if (request.hasNonNull("Policy")) {
            String policy = request.get("Policy").asText();
            if (!PolicyEvaluator.readable(policy)) {
                return AwsResponse.error(400, "ValidationException", "The policy is not valid JSON.");
            }
            bus.policy = policy;
        } else {
            String principal = request.path("Principal").asText("");
            if (!principal.equals("*") && !principal.matches("\\d{12}")) {
                return AwsResponse.error(400, "ValidationException", "Principal must be an account id or *.");
            }
            buses.addStatement(
                    bus,
                    request.path("StatementId").asText("statement"),
                    request.path("Action").asText("events:PutEvents"),
                    principal,
                    null);
        }
        return AwsResponse.json(200, "{}");
    }

    private AwsResponse createPartnerEventSource(JsonNode request, LocalIam.Credentials caller) {
        String name = request.path("Name").asText("");
        String customer = request.path("Account").asText("");
        if (!name.startsWith("aws.partner/") || !customer.matches("\\d{12}")) {
            return AwsResponse.error(
                    400,
                    "ValidationException",
                    "Name must start with aws.partner/ and Account must " + "be an account id.");
        }
        String arn = "arn:aws:events:" + region + "::event-source/" + name;
        String refused = buses.refusal(caller, "events:CreatePartnerEventSource", arn, null, null);
        if (refused != null) {
            return denied(refused);
        }
        buses.addPartnerSource(new Buses.PartnerSource(name, caller.account(), customer));
        return AwsResponse.json(
                200, JSON.createObjectNode().put("EventSourceArn", arn).toString());
    }

    /** A partner's events: each goes to the customer's bus named after its partner event source. */
    private AwsResponse putPartnerEvents(JsonNode request, LocalIam.Credentials caller) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            ObjectNode result = results.addObject();
            String source = entry.path("Source").asText("");
            Buses.PartnerSource partner = buses.partnerSource(source);
            if (partner == null || !partner.partnerAccount().equals(caller.account())) {
                failed++;
                result.put("ErrorCode", "AccessDeniedException")
                        .put("ErrorMessage", "Not authorized for the source " + source + ".");
                continue;
            }
            Buses.Bus bus = buses.get(buses.arn(partner.customerAccount(), source));
            String id = UUID.randomUUID().toString();
            result.put("EventId", id);
            if (bus != null) { // no bus associated with the source yet: EventBridge accepts and discards
                accept(id, entry, bus, caller.account());
            }
        }
        response.put("FailedEntryCount", failed);
        return AwsResponse.json(200, response.toString());
    }

    private AwsResponse putEvents(JsonNode request, LocalIam.Credentials caller) {
        requests.incrementAndGet();
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            return AwsResponse.error(400, "ValidationException", "Entries must hold 1 to 10 entries");
        }
        if (entries.size() > 10) {
            return AwsResponse.error(
                    400,
                    "ValidationException",
                    "1 validation error detected: Value at 'entries' "
                            + "failed to satisfy constraint: Member must have length less than or equal to 10");
        }
        int total = 0;
        for (JsonNode entry : entries) {
            total += size(entry);
        }
        if (total > maxRequestBytes) {
            return AwsResponse.error(
                    413,
                    "ValidationException",
                    "Total size of the entries in the request is over " + "the limit (" + total + " > "
                            + maxRequestBytes + ")");
        }
        List<Buses.Bus> targets = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            String arn =
                    buses.resolve(caller.account(), entry.path("EventBusName").asText("default"));
            Buses.Bus bus = buses.get(arn);
            String refused = buses.refusal(caller, "events:PutEvents", arn, bus, null);
            if (refused != null) {
                return denied(refused);
            }
            if (bus == null) {
                return Buses.missing(arn);
            }
            targets.add(bus);
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            ObjectNode result = results.addObject();
            String[] error = entryError(entry);
            if (error == null && faults.draw(faults.entryThrottleRate())) {
                error = new String[] {"ThrottlingException", "Rate exceeded."};
            }
            if (error == null && faults.draw(faults.entryInternalFailureRate())) {
                error = new String[] {"InternalFailure", "Internal service error."};
            }
            if (error != null) {
                failed++;
                rejectedEntries.incrementAndGet();
                result.put("ErrorCode", error[0]);
                result.put("ErrorMessage", error[1]);
                continue;
            }
            String id = new UUID(
                            ThreadLocalRandom.current().nextLong(),
                            ThreadLocalRandom.current().nextLong())
                    .toString(); // unique enough for a test endpoint, without SecureRandom's lock
            result.put("EventId", id);
            accept(id, entry, targets.get(i), caller.account());
        }
        response.put("FailedEntryCount", failed);
        return AwsResponse.json(200, response.toString());
    }

    private void accept(String id, JsonNode entry, Buses.Bus bus, String senderAccount) {
        List<String> resources = new ArrayList<>();
        entry.path("Resources").forEach(r -> resources.add(r.asText()));
        JsonNode time = entry.get("Time");
        ReceivedEvent event = new ReceivedEvent(
                id,
                bus.name,
                entry.path("Source").asText(),
                entry.path("DetailType").asText(),
                entry.has("Detail") ? entry.get("Detail").asText() : null,
                resources,
                time == null ? null : time.asText(),
                entry.has("TraceHeader") ? entry.get("TraceHeader").asText() : null);
        receivedCount.incrementAndGet();
        if (keepEvents) {
            received.add(event);
        }
        route(event, bus, senderAccount);
        listeners.forEach(l -> l.accept(event));
    }

    /** Archives an accepted event and delivers it to the matching rules' targets, as the envelope rules see. */
    private void route(ReceivedEvent event, Buses.Bus bus, String senderAccount) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("version", "0")
                .put("id", event.eventId())
                .put("detail-type", event.detailType())
                .put("source", event.source())
                .put("account", senderAccount);
        java.time.Instant time = event.time() == null
                ? java.time.Instant.now()
                : java.time.Instant.ofEpochMilli((long) (Double.parseDouble(event.time()) * 1000));
        envelope.put(
                        "time",
                        time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("region", region);
        ArrayNode resources = envelope.putArray("resources");
        event.resources().forEach(resources::add);
        try {
            envelope.set("detail", JSON.readTree(event.detail() == null ? "{}" : event.detail()));
            archives.archive(bus.arn, time, envelope.toString());
            rules.route(bus.arn, envelope, List.of());
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(EventBridgeApi.class)
                    .warn("Could not route event {}", event.eventId(), e);
        }
    }

    /** EventBridge's own per-entry checks, in its words; null when the entry is valid. */
    private static String[] entryError(JsonNode entry) {
        String source = entry.path("Source").asText("");
        String detailType = entry.path("DetailType").asText("");
        if (source.isEmpty() || source.length() > 256) {
            return new String[] {
                "InvalidArgument",
                "Parameter Source is not valid. Reason: Source is a required " + "argument of 1 to 256 characters."
            };
        }
        if (detailType.isEmpty() || detailType.length() > 128) {
            return new String[] {
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType is a "
                        + "required argument of 1 to 128 characters."
            };
        }
        if (source.startsWith("aws.")) {
            return new String[] {"NotAuthorizedForSourceException", "Not authorized for the source."};
        }
        if (entry.has("Detail") && !isJsonObject(entry.get("Detail").asText())) {
            return new String[] {"MalformedDetail", "Detail is malformed."};
        }
        return null;
    }

    /** Whether {@code text} is exactly one well-formed JSON object, checked by streaming (no tree). */
    static boolean isJsonObject(String text) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The PutEvents size formula, as EventBridge documents it. */
    static int size(JsonNode entry) {
        int size = entry.has("Time") ? 14 : 0;
        size += utf8(entry.path("Source").asText(""));
        size += utf8(entry.path("DetailType").asText(""));
        if (entry.has("Detail")) {
            size += utf8(entry.get("Detail").asText());
        }
        for (JsonNode r : entry.path("Resources")) {
            size += utf8(r.asText());
        }
        return size;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
