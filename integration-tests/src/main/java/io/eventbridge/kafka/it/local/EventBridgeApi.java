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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The EventBridge control and data plane the local endpoint serves (AWS JSON 1.1, target prefix
 * {@code AWSEvents.}): PutEvents with EventBridge's limits and per-entry errors, event buses, and through
 * {@link RulesApi} rules with SQS targets, archives and replays.
 */
final class EventBridgeApi {
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final Faults faults;
    private final Map<String, String> buses = new ConcurrentHashMap<>(); // name -> arn
    private final ConcurrentLinkedQueue<ReceivedEvent> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong receivedCount = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejectedEntries = new AtomicLong();
    private final List<Consumer<ReceivedEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int maxRequestBytes = 256 * 1024;
    private volatile boolean keepEvents = true;

    final RulesApi rules;

    EventBridgeApi(String region, Faults faults) {
        this.region = region;
        this.faults = faults;
        this.rules = new RulesApi(region, ACCOUNT);
        createBus("default");
    }

    String createBus(String name) {
        return buses.computeIfAbsent(name, n -> "arn:aws:events:" + region + ":" + ACCOUNT + ":event-bus/" + n);
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
        receivedCount.set(0);
        requests.set(0);
        rejectedEntries.set(0);
    }

    AwsResponse handle(String operation, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        switch (operation) {
            case "PutEvents":
                return putEvents(request);
            case "CreateEventBus":
                return createEventBus(request);
            case "DescribeEventBus":
                return describeEventBus(request);
            default:
                if (rules.handles(operation)) {
                    return rules.handle(operation, request);
                }
                return AwsResponse.error(400, "UnknownOperationException", "Unsupported operation " + operation);
        }
    }

    private AwsResponse createEventBus(JsonNode request) {
        String name = request.path("Name").asText("");
        if (name.isEmpty()) {
            return AwsResponse.error(400, "ValidationException", "Name is required");
        }
        if (buses.containsKey(name)) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
        }
        return AwsResponse.json(200, "{\"EventBusArn\":\"" + createBus(name) + "\"}");
    }

    private AwsResponse describeEventBus(JsonNode request) {
        String name = busName(request.path("Name").asText("default"));
        String arn = buses.get(name);
        if (arn == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Event bus " + name + " does not exist.");
        }
        return AwsResponse.json(200, "{\"Name\":\"" + name + "\",\"Arn\":\"" + arn + "\"}");
    }

    private AwsResponse putEvents(JsonNode request) {
        requests.incrementAndGet();
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            return AwsResponse.error(400, "ValidationException", "Entries must hold 1 to 10 entries");
        }
        if (entries.size() > 10) {
            return AwsResponse.error(400, "ValidationException", "1 validation error detected: Value at 'entries' "
                + "failed to satisfy constraint: Member must have length less than or equal to 10");
        }
        int total = 0;
        for (JsonNode entry : entries) {
            total += size(entry);
        }
        if (total > maxRequestBytes) {
            return AwsResponse.error(413, "ValidationException", "Total size of the entries in the request is over "
                + "the limit (" + total + " > " + maxRequestBytes + ")");
        }
        for (JsonNode entry : entries) {
            String bus = busName(entry.path("EventBusName").asText("default"));
            if (!buses.containsKey(bus)) {
                return AwsResponse.error(400, "ResourceNotFoundException", "Event bus " + bus + " does not exist.");
            }
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : entries) {
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
            String id = new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
                .toString(); // unique enough for a test endpoint, without SecureRandom's lock
            result.put("EventId", id);
            accept(id, entry);
        }
        response.put("FailedEntryCount", failed);
        return AwsResponse.json(200, response.toString());
    }

    private void accept(String id, JsonNode entry) {
        List<String> resources = new ArrayList<>();
        entry.path("Resources").forEach(r -> resources.add(r.asText()));
        JsonNode time = entry.get("Time");
        ReceivedEvent event = new ReceivedEvent(id, busName(entry.path("EventBusName").asText("default")),
            entry.path("Source").asText(), entry.path("DetailType").asText(),
            entry.has("Detail") ? entry.get("Detail").asText() : null, resources,
            time == null ? null : time.asText(), entry.has("TraceHeader") ? entry.get("TraceHeader").asText() : null);
        receivedCount.incrementAndGet();
        if (keepEvents) {
            received.add(event);
        }
        rules.accepted(event);
        listeners.forEach(l -> l.accept(event));
    }

    /** EventBridge's own per-entry checks, in its words; null when the entry is valid. */
    private static String[] entryError(JsonNode entry) {
        String source = entry.path("Source").asText("");
        String detailType = entry.path("DetailType").asText("");
        if (source.isEmpty() || source.length() > 256) {
            return new String[] {"InvalidArgument", "Parameter Source is not valid. Reason: Source is a required "
                + "argument of 1 to 256 characters."};
        }
        if (detailType.isEmpty() || detailType.length() > 128) {
            return new String[] {"InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a "
                + "required argument of 1 to 128 characters."};
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

    private static String busName(String nameOrArn) {
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }
}
