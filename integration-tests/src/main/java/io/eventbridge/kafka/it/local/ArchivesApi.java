package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * Archives and replays of the local EventBridge: CreateArchive, DescribeArchive, ListArchives, DeleteArchive,
 * StartReplay and DescribeReplay.
 * An archive keeps the events of its bus that its pattern matches (all of them without a pattern); a replay sends
 * the archived events of a time range again, with {@code replay-name}, to the rules of its destination bus.
 */
final class ArchivesApi {
    private static final Logger log = LoggerFactory.getLogger(ArchivesApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATIONS = Set.of(
            "CreateArchive", "DescribeArchive", "ListArchives", "DeleteArchive", "StartReplay", "DescribeReplay");

    private final String region;
    private final Buses buses;
    private final RulesApi rules;
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> replays = new ConcurrentHashMap<>();
    private final ScheduledExecutorService replayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-eventbridge-replay");
        t.setDaemon(true);
        return t;
    });

    private record Archive(
            String name,
            String arn,
            String busArn,
            String patternText,
            Machine pattern,
            Instant created,
            List<Map.Entry<Instant, String>> events) {}

    ArchivesApi(String region, Buses buses, RulesApi rules) {
        this.region = region;
        this.buses = buses;
        this.rules = rules;
    }

    boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    void reset() {
        archives.clear();
        replays.clear();
    }

    AwsResponse handle(String operation, JsonNode request, LocalIam.Credentials caller) throws IOException {
        return switch (operation) {
            case "CreateArchive" -> createArchive(request, caller);
            case "DescribeArchive" -> describeArchive(request);
            case "ListArchives" -> listArchives(request);
            case "DeleteArchive" -> deleteArchive(request);
            case "StartReplay" -> startReplay(request, caller);
            default -> describeReplay(request);
        };
    }

    private AwsResponse createArchive(JsonNode request, LocalIam.Credentials caller) throws IOException {
        String name = request.path("ArchiveName").asText();
        if (archives.containsKey(name)) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Archive " + name + " already exists.");
        }
        Machine pattern = null; // no pattern: the archive keeps every event of its bus
        if (request.hasNonNull("EventPattern")) {
            pattern = Machine.builder().build();
            pattern.addRule("archive", request.get("EventPattern").asText());
        }
        String arn = "arn:aws:events:" + region + ":" + caller.account() + ":archive/" + name;
        String patternText =
                request.hasNonNull("EventPattern") ? request.get("EventPattern").asText() : null;
        archives.put(
                name,
                new Archive(
                        name,
                        arn,
                        buses.resolve(
                                caller.account(), request.path("EventSourceArn").asText()),
                        patternText,
                        pattern,
                        Instant.now(),
                        new CopyOnWriteArrayList<>()));
        return AwsResponse.json(
                200,
                JSON.createObjectNode()
                        .put("ArchiveArn", arn)
                        .put("State", "ENABLED")
                        .put("CreationTime", Instant.now().getEpochSecond())
                        .toString());
    }

    private AwsResponse describeArchive(JsonNode request) {
        Archive a = archives.get(request.path("ArchiveName").asText());
        if (a == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Archive does not exist.");
        }
        ObjectNode out = summary(a).put("ArchiveArn", a.arn());
        if (a.patternText() != null) {
            out.put("EventPattern", a.patternText());
        }
        return AwsResponse.json(200, out.toString());
    }

    private static ObjectNode summary(Archive a) {
        return JSON.createObjectNode()
                .put("ArchiveName", a.name())
                .put("EventSourceArn", a.busArn())
                .put("State", "ENABLED")
                .put("EventCount", a.events().size())
                .put("RetentionDays", 0)
                .put("CreationTime", a.created().getEpochSecond());
    }

    /** ListArchives as AWS answers it: summaries without the pattern, at most Limit (1-100) a page. */
    private AwsResponse listArchives(JsonNode request) {
        String source = request.path("EventSourceArn").asText(null);
        String prefix = request.path("NamePrefix").asText("");
        List<Archive> matching = archives.values().stream()
                .filter(a -> source == null || a.busArn().equals(source))
                .filter(a -> a.name().startsWith(prefix))
                .sorted(java.util.Comparator.comparing(Archive::name))
                .toList();
        ObjectNode out = JSON.createObjectNode();
        Paging.page(request, matching, out, "Archives", a -> summary(a));
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse deleteArchive(JsonNode request) {
        return archives.remove(request.path("ArchiveName").asText()) == null
                ? AwsResponse.error(400, "ResourceNotFoundException", "Archive does not exist.")
                : AwsResponse.json(200, "{}");
    }

    private AwsResponse startReplay(JsonNode request, LocalIam.Credentials caller) {
        String name = request.path("ReplayName").asText();
        String archiveArn = request.path("EventSourceArn").asText();
        Archive archive = archives.values().stream()
                .filter(a -> a.arn().equals(archiveArn))
                .findFirst()
                .orElse(null);
        if (archive == null) {
            return AwsResponse.error(400, "ResourceNotFoundException", "Archive " + archiveArn + " does not exist.");
        }
        if (replays.containsKey(name)) {
            return AwsResponse.error(400, "ResourceAlreadyExistsException", "Replay " + name + " already exists.");
        }
        Instant start =
                Instant.ofEpochMilli((long) (request.path("EventStartTime").asDouble() * 1000));
        Instant end = Instant.ofEpochMilli((long) (request.path("EventEndTime").asDouble() * 1000));
        String destination = buses.resolve(
                caller.account(), request.path("Destination").path("Arn").asText());
        List<String> filter = new ArrayList<>();
        request.path("Destination").path("FilterArns").forEach(f -> filter.add(f.asText()));
        String arn = "arn:aws:events:" + region + ":" + caller.account() + ":replay/" + name;
        ObjectNode state = JSON.createObjectNode()
                .put("ReplayName", name)
                .put("ReplayArn", arn)
                .put("EventSourceArn", archiveArn)
                .put("State", "STARTING")
                .put("EventStartTime", start.getEpochSecond())
                .put("EventEndTime", end.getEpochSecond())
                .put("ReplayStartTime", Instant.now().getEpochSecond());
        state.putObject("Destination")
                .put("Arn", request.path("Destination").path("Arn").asText());
        replays.put(name, state);
        replayer.schedule(() -> replay(name, archive, start, end, destination, filter), 200, TimeUnit.MILLISECONDS);
        return AwsResponse.json(
                200,
                JSON.createObjectNode()
                        .put("ReplayArn", arn)
                        .put("State", "STARTING")
                        .put("ReplayStartTime", Instant.now().getEpochSecond())
                        .toString());
    }

    private void replay(
            String name, Archive archive, Instant start, Instant end, String destination, List<String> filterArns) {
        ObjectNode state = replays.get(name);
        state.put("State", "RUNNING");
        try {
            for (Map.Entry<Instant, String> e : archive.events()) {
                if (!e.getKey().isBefore(start) && e.getKey().isBefore(end)) {
                    ObjectNode envelope = (ObjectNode) JSON.readTree(e.getValue());
                    envelope.put("replay-name", name);
                    rules.route(destination, envelope, filterArns);
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
        return state == null
                ? AwsResponse.error(400, "ResourceNotFoundException", "Replay does not exist.")
                : AwsResponse.json(200, state.toString());
    }

    /** Keeps an accepted event in every archive of its bus whose pattern matches it. */
    void archive(String busArn, Instant time, String json) throws Exception {
        for (Archive a : archives.values()) {
            if (a.busArn().equals(busArn)
                    && (a.pattern() == null
                            || !a.pattern().rulesForJSONEvent(json).isEmpty())) {
                a.events().add(Map.entry(time, json));
            }
        }
    }
}
