package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EventBridge Schemas service of the local stack, REST JSON under {@code /v1/} signed for {@code schemas}:
 * schema discoverers (CreateDiscoverer, ListDiscoverers, DescribeDiscoverer, StartDiscoverer, StopDiscoverer,
 * DeleteDiscoverer), one per event bus as AWS allows, and the registries and schemas of {@link SchemaRegistryApi}. Errors carry {@code x-amzn-ErrorType} and a
 * {@code {"Code","Message"}} body, as the service answers.
 */
final class SchemasApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "/v1/";

    private final String region;
    private final LocalIam iam;
    private final Map<String, Discoverer> discoverers = new ConcurrentHashMap<>();
    private final SchemaRegistryApi registries;

    private record Discoverer(
            String id,
            String arn,
            String account,
            String sourceArn,
            String description,
            boolean crossAccount,
            String state) {
        Discoverer withState(String newState) {
            return new Discoverer(id, arn, account, sourceArn, description, crossAccount, newState);
        }
    }

    SchemasApi(String region, LocalIam iam) {
        this.region = region;
        this.iam = iam;
        this.registries = new SchemaRegistryApi(region, iam);
    }

    static boolean handles(String path) {
        return path.startsWith(PREFIX + "discoverers") || SchemaRegistryApi.handles(path);
    }

    void reset() {
        discoverers.clear();
        registries.reset();
    }

    SchemaRegistryApi registries() {
        return registries;
    }

    AwsResponse handle(String method, String path, Map<String, String> query, byte[] body, LocalIam.Credentials caller)
            throws IOException {
        if (SchemaRegistryApi.handles(path)) {
            return registries.handle(method, path, query, body, caller);
        }
        String rest = path.substring((PREFIX + "discoverers").length());
        if (rest.isEmpty() || rest.equals("/")) {
            if (method.equals("POST")) {
                return create(body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body), caller);
            }
            if (method.equals("GET")) {
                return list(query, caller);
            }
        } else if (rest.startsWith("/id/")) {
            String[] parts = rest.substring(4).split("/");
            String id = java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8);
            String action = parts.length > 1 ? parts[1] : "";
            return byId(method, id, action, caller);
        }
        return error(404, "NotFoundException", "Unsupported request " + method + " " + path);
    }

    private String arn(String account, String id) {
        return "arn:aws:schemas:" + region + ":" + account + ":discoverer/" + id;
    }

    private AwsResponse create(JsonNode request, LocalIam.Credentials caller) {
        String source = request.path("SourceArn").asText("");
        if (!source.startsWith("arn:aws:events:") || !source.contains(":event-bus/")) {
            return error(400, "BadRequestException", "SourceArn must be an event bus ARN.");
        }
        String id = "events-event-bus-"
                + source.substring(source.indexOf(":event-bus/") + 11).replace('/', '-');
        String refused = iam.identityRefusal(caller, "schemas:CreateDiscoverer", arn(caller.account(), id), Map.of());
        if (refused != null) {
            return error(403, "ForbiddenException", refused);
        }
        boolean conflict =
                discoverers.values().stream().anyMatch(d -> d.sourceArn().equals(source));
        if (conflict) {
            return error(409, "ConflictException", "A discoverer for " + source + " already exists.");
        }
        Discoverer d = new Discoverer(
                id,
                arn(caller.account(), id),
                caller.account(),
                source,
                request.path("Description").asText(null),
                request.path("CrossAccount").asBoolean(true),
                "STARTED");
        discoverers.put(id, d);
        return AwsResponse.json(201, render(d).toString());
    }

    private AwsResponse list(Map<String, String> query, LocalIam.Credentials caller) {
        String refused = iam.identityRefusal(
                caller,
                "schemas:ListDiscoverers",
                "arn:aws:schemas:" + region + ":" + caller.account() + ":discoverer/*",
                Map.of());
        if (refused != null) {
            return error(403, "ForbiddenException", refused);
        }
        String sourcePrefix = query.getOrDefault("sourceArnPrefix", "");
        String idPrefix = query.getOrDefault("discovererIdPrefix", "");
        List<Discoverer> matching = discoverers.values().stream()
                .filter(d -> d.account().equals(caller.account()))
                .filter(d -> d.sourceArn().startsWith(sourcePrefix) && d.id().startsWith(idPrefix))
                .sorted(Comparator.comparing(Discoverer::id))
                .toList();
        ObjectNode paging = JSON.createObjectNode();
        if (query.containsKey("limit")) {
            paging.put("Limit", query.get("limit"));
        }
        if (query.containsKey("nextToken")) {
            paging.put("NextToken", query.get("nextToken"));
        }
        ObjectNode out = JSON.createObjectNode();
        Paging.page(paging, matching, out, "Discoverers", this::render);
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse byId(String method, String id, String action, LocalIam.Credentials caller) {
        Discoverer d = discoverers.get(id);
        String operation = switch (method + " " + action) {
            case "GET " -> "DescribeDiscoverer";
            case "DELETE " -> "DeleteDiscoverer";
            case "POST start" -> "StartDiscoverer";
            case "POST stop" -> "StopDiscoverer";
            default -> null;
        };
        if (operation == null) {
            return error(404, "NotFoundException", "Unsupported request " + method + " " + action);
        }
        String refused = iam.identityRefusal(caller, "schemas:" + operation, arn(caller.account(), id), Map.of());
        if (refused != null) {
            return error(403, "ForbiddenException", refused);
        }
        if (d == null || !d.account().equals(caller.account())) {
            return error(404, "NotFoundException", "Discoverer " + id + " does not exist.");
        }
        switch (operation) {
            case "DeleteDiscoverer":
                discoverers.remove(id);
                return new AwsResponse(204, "application/json", new byte[0]);
            case "StartDiscoverer":
            case "StopDiscoverer":
                Discoverer changed = d.withState(operation.equals("StartDiscoverer") ? "STARTED" : "STOPPED");
                discoverers.put(id, changed);
                return AwsResponse.json(
                        200,
                        JSON.createObjectNode()
                                .put("DiscovererId", id)
                                .put("State", changed.state())
                                .toString());
            default:
                return AwsResponse.json(200, render(d).toString());
        }
    }

    private ObjectNode render(Discoverer d) {
        ObjectNode n = JSON.createObjectNode()
                .put("DiscovererArn", d.arn())
                .put("DiscovererId", d.id())
                .put("SourceArn", d.sourceArn())
                .put("State", d.state())
                .put("CrossAccount", d.crossAccount());
        if (d.description() != null) {
            n.put("Description", d.description());
        }
        n.putObject("tags");
        return n;
    }

    /** A REST JSON error of the Schemas service. */
    static AwsResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("Code", code).put("Message", message);
        return new AwsResponse(
                status, "application/json", body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), code);
    }
}
