package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * Rules, targets, archives and replays of the local EventBridge (AWS JSON 1.1, {@code AWSEvents.}):
 * PutRule, PutTargets, RemoveTargets, DeleteRule, ListRules, CreateArchive, DescribeArchive, StartReplay and
 * DescribeReplay. Every accepted event is turned into the envelope rules see (version, id, detail-type,
 * source, account, time, region, resources, detail), matched with AWS event-ruler, and delivered to the
 * rules' SQS targets (whole, or shaped by the target's Input, InputPath or InputTransformer); archives keep the events their pattern matches, and a replay sends the archived events
 * of a time range again, with {@code replay-name}, to the rules of its destination bus.
 */
final class RulesApi {
    private static final Logger log = LoggerFactory.getLogger(RulesApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String account;
    private final Map<String, Bus> buses = new ConcurrentHashMap<>();
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> replays = new ConcurrentHashMap<>();
    private final ScheduledExecutorService replayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-eventbridge-replay");
        t.setDaemon(true);
        return t;
    });
    private volatile BiConsumer<String, String> sqs = (arn, body) -> {
        throw new IllegalStateException("no SQS is connected to the local EventBridge");
    };

    private record Rule(String name, String bus, String pattern, boolean enabled, List<Target> targets) {
    }

    private record Target(String id, String arn, TargetInput input) {
    }

    private record Archive(String name, String arn, String bus, Machine pattern,
                           List<Map.Entry<Instant, String>> events) {
    }

    /** One bus's rules and its event-ruler machine. */
    private static final class Bus {
        final Map<String, Rule> rules = new LinkedHashMap<>();
        Machine machine = new Machine();

        synchronized void rebuild() throws IOException {
            Machine m = new Machine();
            for (Rule r : rules.values()) {
                if (r.enabled() && r.pattern() != null) {
                    m.addRule(r.name(), r.pattern());
                }
            }
            machine = m;
        }
    }

    RulesApi(String region, String account) {
        this.region = region;
        this.account = account;
    }

    /** How SQS targets are reached: (queue ARN, message body). */
    void sqsSender(BiConsumer<String, String> sender) {
        this.sqs = sender;
    }

    void reset() {
        buses.clear();
        archives.clear();
        replays.clear();
    }

    boolean handles(String operation) {
        return List.of("PutRule", "PutTargets", "RemoveTargets", "DeleteRule", "ListRules", "CreateArchive",
            "DescribeArchive", "StartReplay", "DescribeReplay").contains(operation);
    }

    AwsResponse handle(String operation, JsonNode request) throws IOException {
        return switch (operation) {
            case "PutRule" -> putRule(request);
            case "PutTargets" -> putTargets(request);
            case "RemoveTargets" -> removeTargets(request);
            case "DeleteRule" -> deleteRule(request);
            case "ListRules" -> listRules(request);
            case "CreateArchive" -> createArchive(request);
            case "DescribeArchive" -> describeArchive(request);
            case "StartReplay" -> startReplay(request);
            default -> describeReplay(request);
        };
    }

    private Bus bus(String nameOrArn) {
        return buses.computeIfAbsent(busName(nameOrArn), n -> new Bus());
    }

    private String ruleArn(String bus, String rule) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + (bus.equals("default") ? "" : bus + "/") + rule;
    }

    private AwsResponse putRule(JsonNode request) throws IOException {
        String name = request.path("Name").asText();
        String busName = busName(request.path("EventBusName").asText("default"));
        String pattern = request.hasNonNull("EventPattern") ? request.get("EventPattern").asText() : null;
        try {
            if (pattern != null) {
                new Machine().addRule("check", pattern);
            }
        } catch (Exception e) {
            return AwsResponse.error(400, "InvalidEventPatternException", "Event pattern is not valid: " + e.getMessage());
        }
        Bus bus = bus(busName);
        synchronized (bus) {
            Rule old = bus.rules.get(name);
            bus.rules.put(name, new Rule(name, busName, pattern, !"DISABLED".equals(request.path("State").asText()),
                old == null ? new CopyOnWriteArrayList<>() : old.targets()));
            bus.rebuild();
        }
        return AwsResponse.json(200, JSON.createObjectNode().put("RuleArn", ruleArn(busName, name)).toString());
    }

    private AwsResponse putTargets(JsonNode request) {
        Bus bus = bus(request.path("EventBusName").asText("default"));
        Rule rule = bus.rules.get(request.path("Rule").asText());
        if (rule == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Rule " + request.path("Rule").asText()
                + " does not exist.");
        }
        for (JsonNode t : request.path("Targets")) {
            rule.targets().removeIf(old -> old.id().equals(t.path("Id").asText()));
            rule.targets().add(new Target(t.path("Id").asText(), t.path("Arn").asText(), TargetInput.of(t)));
        }
        return AwsResponse.json(200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
    }

    private AwsResponse removeTargets(JsonNode request) {
        Rule rule = bus(request.path("EventBusName").asText("default")).rules.get(request.path("Rule").asText());
        if (rule != null) {
            List<String> ids = new java.util.ArrayList<>();
            request.path("Ids").forEach(id -> ids.add(id.asText()));
            rule.targets().removeIf(t -> ids.contains(t.id()));
        }
        return AwsResponse.json(200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
    }

    private AwsResponse deleteRule(JsonNode request) throws IOException {
        Bus bus = bus(request.path("EventBusName").asText("default"));
        synchronized (bus) {
            bus.rules.remove(request.path("Name").asText());
            bus.rebuild();
        }
        return AwsResponse.json(200, "{}");
    }

    private AwsResponse listRules(JsonNode request) {
        String busName = busName(request.path("EventBusName").asText("default"));
        String prefix = request.path("NamePrefix").asText("");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode rules = out.putArray("Rules");
        for (Rule r : bus(busName).rules.values()) {
            if (r.name().startsWith(prefix)) {
                ObjectNode n = rules.addObject().put("Name", r.name()).put("Arn", ruleArn(busName, r.name()))
                    .put("State", r.enabled() ? "ENABLED" : "DISABLED").put("EventBusName", busName);
                if (r.pattern() != null) {
                    n.put("EventPattern", r.pattern());
                }
            }
        }
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse createArchive(JsonNode request) throws IOException {
        String name = request.path("ArchiveName").asText();
        if (archives.containsKey(name)) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Archive " + name + " already exists.");
        }
        Machine pattern = null; // no pattern: the archive keeps every event of its bus
        if (request.hasNonNull("EventPattern")) {
            pattern = new Machine();
            pattern.addRule("archive", request.get("EventPattern").asText());
        }
        String arn = "arn:aws:events:" + region + ":" + account + ":archive/" + name;
        archives.put(name, new Archive(name, arn, busName(request.path("EventSourceArn").asText()), pattern,
            new CopyOnWriteArrayList<>()));
        return AwsResponse.json(200, JSON.createObjectNode().put("ArchiveArn", arn).put("State", "ENABLED")
            .put("CreationTime", Instant.now().getEpochSecond()).toString());
    }

    private AwsResponse describeArchive(JsonNode request) {
        Archive a = archives.get(request.path("ArchiveName").asText());
        if (a == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Archive does not exist.");
        }
        return AwsResponse.json(200, JSON.createObjectNode().put("ArchiveName", a.name()).put("ArchiveArn", a.arn())
            .put("EventSourceArn", "arn:aws:events:" + region + ":" + account + ":event-bus/" + a.bus())
            .put("State", "ENABLED").put("EventCount", a.events().size()).toString());
    }

    private AwsResponse startReplay(JsonNode request) {
        String name = request.path("ReplayName").asText();
        String archiveArn = request.path("EventSourceArn").asText();
        Archive archive = archives.values().stream().filter(a -> a.arn().equals(archiveArn)).findFirst().orElse(null);
        if (archive == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Archive " + archiveArn + " does not exist.");
        }
        if (replays.containsKey(name)) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Replay " + name + " already exists.");
        }
        Instant start = Instant.ofEpochMilli((long) (request.path("EventStartTime").asDouble() * 1000));
        Instant end = Instant.ofEpochMilli((long) (request.path("EventEndTime").asDouble() * 1000));
        String destination = busName(request.path("Destination").path("Arn").asText());
        List<String> filter = new ArrayList<>();
        request.path("Destination").path("FilterArns").forEach(f -> filter.add(f.asText()));
        String arn = "arn:aws:events:" + region + ":" + account + ":replay/" + name;
        ObjectNode state = JSON.createObjectNode().put("ReplayName", name).put("ReplayArn", arn)
            .put("EventSourceArn", archiveArn).put("State", "STARTING")
            .put("EventStartTime", start.getEpochSecond()).put("EventEndTime", end.getEpochSecond())
            .put("ReplayStartTime", Instant.now().getEpochSecond());
        state.putObject("Destination").put("Arn", request.path("Destination").path("Arn").asText());
        replays.put(name, state);
        replayer.schedule(() -> replay(name, archive, start, end, destination, filter), 200, TimeUnit.MILLISECONDS);
        return AwsResponse.json(200, JSON.createObjectNode().put("ReplayArn", arn).put("State", "STARTING")
            .put("ReplayStartTime", Instant.now().getEpochSecond()).toString());
    }

    private void replay(String name, Archive archive, Instant start, Instant end, String destination,
                        List<String> filterArns) {
        ObjectNode state = replays.get(name);
        state.put("State", "RUNNING");
        try {
            for (Map.Entry<Instant, String> e : archive.events()) {
                if (!e.getKey().isBefore(start) && e.getKey().isBefore(end)) {
                    ObjectNode envelope = (ObjectNode) JSON.readTree(e.getValue());
                    envelope.put("replay-name", name);
                    route(destination, envelope, filterArns);
                    state.put("EventLastReplayedTime", e.getKey().getEpochSecond());
                }
            }
            state.put("State", "COMPLETED").put("ReplayEndTime", Instant.now().getEpochSecond());
        } catch (IOException | RuntimeException e) {
            log.warn("Replay {} failed", name, e);
            state.put("State", "FAILED").put("StateReason", e.getMessage());
        }
    }

    private AwsResponse describeReplay(JsonNode request) {
        ObjectNode state = replays.get(request.path("ReplayName").asText());
        return state == null ? AwsResponse.error(400, "ResourceNotFoundException", "Replay does not exist.")
            : AwsResponse.json(200, state.toString());
    }

    /** An accepted PutEvents entry: archive it and deliver it to the matching rules' targets. */
    void accepted(ReceivedEvent event) {
        ObjectNode envelope = JSON.createObjectNode().put("version", "0").put("id", event.eventId())
            .put("detail-type", event.detailType()).put("source", event.source()).put("account", account);
        Instant time = event.time() == null ? Instant.now()
            : Instant.ofEpochMilli((long) (Double.parseDouble(event.time()) * 1000));
        envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString()).put("region", region);
        ArrayNode resources = envelope.putArray("resources");
        event.resources().forEach(resources::add);
        try {
            envelope.set("detail", JSON.readTree(event.detail() == null ? "{}" : event.detail()));
            String json = envelope.toString();
            for (Archive a : archives.values()) {
                if (a.bus().equals(event.eventBus())
                    && (a.pattern() == null || !a.pattern().rulesForJSONEvent(json).isEmpty())) {
                    a.events().add(Map.entry(time, json));
                }
            }
            route(event.eventBus(), envelope, List.of());
        } catch (Exception e) {
            log.warn("Could not route event {}", event.eventId(), e);
        }
    }

    private void route(String busName, ObjectNode envelope, List<String> filterArns) throws IOException {
        Bus bus = buses.get(busName);
        if (bus == null) {
            return;
        }
        String json = envelope.toString();
        List<String> matched;
        try {
            matched = bus.machine.rulesForJSONEvent(json);
        } catch (Exception e) {
            throw new IOException("event cannot be matched: " + e.getMessage(), e);
        }
        for (String ruleName : matched) {
            Rule rule = bus.rules.get(ruleName);
            if (rule == null || !filterArns.isEmpty() && !filterArns.contains(ruleArn(busName, ruleName))) {
                continue;
            }
            for (Target target : rule.targets()) {
                if (target.arn().startsWith("arn:aws:sqs:")) {
                    sqs.accept(target.arn(), target.input().render(envelope, json, ruleName, ruleArn(busName, ruleName)));
                }
            }
        }
    }

    private static String busName(String nameOrArn) {
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }
}
