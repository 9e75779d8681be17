package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry half of the local Schemas service, REST JSON under {@code /v1/registries/name/...} as AWS serves
 * it: CreateRegistry, DescribeRegistry, DeleteRegistry, ListSchemas, CreateSchema, UpdateSchema, DescribeSchema
 * (latest or {@code schemaVersion}), DeleteSchema, ListSchemaVersions and ExportSchema (as JSONSchemaDraft4, the
 * one export type AWS offers). Registries and schemas belong to the caller's account, and every call is checked
 * against its identity policy. Like AWS it refuses what it cannot take: a type other than OpenApi3 or
 * JSONSchemaDraft4, content that is not a JSON object (or, for OpenApi3, no {@code openapi} 3 document), content
 * over 100,000 characters, a schema created twice, a schema in a registry that does not exist.
 */
final class SchemaRegistryApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "/v1/registries";
    private static final int MAX_CONTENT = 100_000;

    private final String region;
    private final LocalIam iam;
    /** account/registry -> registry. */
    private final Map<String, Registry> registries = new ConcurrentHashMap<>();

    private record Version(String version, String type, String content, String description, Instant created) {}

    private static final class Registry {
        final String name;
        final String arn;
        final String description;
        final Map<String, List<Version>> schemas = new ConcurrentHashMap<>();

        Registry(String name, String arn, String description) {
            this.name = name;
            this.arn = arn;
            this.description = description;
        }
    }

    SchemaRegistryApi(String region, LocalIam iam) {
        this.region = region;
        this.iam = iam;
    }

    static boolean handles(String path) {
        return path.startsWith(PREFIX + "/");
    }

    void reset() {
        registries.clear();
    }

    /** Every version's content of a schema, oldest first, for tests; empty when there is none. */
    List<String> contents(String account, String registry, String schema) {
        Registry r = registries.get(account + "/" + registry);
        List<Version> versions = r == null ? null : r.schemas.get(schema);
        return versions == null
                ? List.of()
                : versions.stream().map(Version::content).toList();
    }

    AwsResponse handle(String method, String path, Map<String, String> query, byte[] body, LocalIam.Credentials caller)
            throws IOException {
        String[] parts = path.substring(PREFIX.length() + 1).split("/", -1);
        if (parts.length < 2 || !parts[0].equals("name")) {
            return SchemasApi.error(404, "NotFoundException", "Unsupported request " + method + " " + path);
        }
        String registry = decode(parts[1]);
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (parts.length == 2) {
            return switch (method) {
                case "POST" -> createRegistry(registry, request, caller);
                case "GET" -> describeRegistry(registry, caller);
                case "DELETE" -> deleteRegistry(registry, caller);
                default -> SchemasApi.error(405, "MethodNotAllowedException", method + " " + path);
            };
        }
        if (parts.length == 3 && parts[2].equals("schemas") && method.equals("GET")) {
            return listSchemas(registry, query, caller);
        }
        if (parts.length >= 5 && parts[2].equals("schemas") && parts[3].equals("name")) {
            String schema = decode(parts[4]);
            String sub = parts.length > 5 ? parts[5] : "";
            return switch (method + " " + sub) {
                case "POST " -> putSchema(registry, schema, request, true, caller);
                case "PUT " -> putSchema(registry, schema, request, false, caller);
                case "GET " -> describeSchema(registry, schema, query.get("schemaVersion"), caller);
                case "DELETE " -> deleteSchema(registry, schema, caller);
                case "GET versions" -> listVersions(registry, schema, query, caller);
                case "GET export" -> export(registry, schema, query, caller);
                default -> SchemasApi.error(404, "NotFoundException", "Unsupported request " + method + " " + path);
            };
        }
        return SchemasApi.error(404, "NotFoundException", "Unsupported request " + method + " " + path);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private String registryArn(String account, String registry) {
        return "arn:aws:schemas:" + region + ":" + account + ":registry/" + registry;
    }

    private String schemaArn(String account, String registry, String schema) {
        return "arn:aws:schemas:" + region + ":" + account + ":schema/" + registry + "/" + schema;
    }

    private AwsResponse refused(LocalIam.Credentials caller, String action, String resource) {
        String refused = iam.identityRefusal(caller, "schemas:" + action, resource, Map.of());
        return refused == null ? null : SchemasApi.error(403, "ForbiddenException", refused);
    }

    private Registry registry(LocalIam.Credentials caller, String name) {
        return registries.get(caller.account() + "/" + name);
    }

    private AwsResponse createRegistry(String name, JsonNode request, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "CreateRegistry", registryArn(caller.account(), name));
        if (refused != null) {
            return refused;
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            return SchemasApi.error(400, "BadRequestException", "Invalid registry name " + name);
        }
        Registry r = new Registry(
                name,
                registryArn(caller.account(), name),
                request.path("Description").asText(null));
        if (registries.putIfAbsent(caller.account() + "/" + name, r) != null) {
            return SchemasApi.error(409, "ConflictException", "Registry " + name + " already exists.");
        }
        return AwsResponse.json(201, render(r).toString());
    }

    private AwsResponse describeRegistry(String name, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "DescribeRegistry", registryArn(caller.account(), name));
        if (refused != null) {
            return refused;
        }
        Registry r = registry(caller, name);
        return r == null
                ? missingRegistry(name)
                : AwsResponse.json(200, render(r).toString());
    }

    private AwsResponse deleteRegistry(String name, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "DeleteRegistry", registryArn(caller.account(), name));
        if (refused != null) {
            return refused;
        }
        return registries.remove(caller.account() + "/" + name) == null
                ? missingRegistry(name)
                : new AwsResponse(204, "application/json", new byte[0]);
    }

    private static AwsResponse missingRegistry(String name) {
        return SchemasApi.error(404, "NotFoundException", "Registry " + name + " does not exist.");
    }

    private static ObjectNode render(Registry r) {
        ObjectNode n = JSON.createObjectNode().put("RegistryArn", r.arn).put("RegistryName", r.name);
        if (r.description != null) {
            n.put("Description", r.description);
        }
        n.putObject("Tags");
        return n;
    }

    private AwsResponse listSchemas(String registry, Map<String, String> query, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "ListSchemas", schemaArn(caller.account(), registry, "*"));
        if (refused != null) {
            return refused;
        }
        Registry r = registry(caller, registry);
        if (r == null) {
            return missingRegistry(registry);
        }
        String prefix = query.getOrDefault("schemaNamePrefix", "");
        List<String> names = r.schemas.keySet().stream()
                .filter(n -> n.startsWith(prefix))
                .sorted()
                .toList();
        ObjectNode out = JSON.createObjectNode();
        Paging.page(paging(query), names, out, "Schemas", n -> {
            List<Version> versions = r.schemas.get(n);
            return JSON.createObjectNode()
                    .put("SchemaName", n)
                    .put("SchemaArn", schemaArn(caller.account(), registry, n))
                    .put("VersionCount", versions.size())
                    .put(
                            "LastModified",
                            versions.get(versions.size() - 1).created().toString());
        });
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse putSchema(
            String registry, String schema, JsonNode request, boolean create, LocalIam.Credentials caller) {
        AwsResponse refused = refused(
                caller, create ? "CreateSchema" : "UpdateSchema", schemaArn(caller.account(), registry, schema));
        if (refused != null) {
            return refused;
        }
        Registry r = registry(caller, registry);
        if (r == null) {
            return missingRegistry(registry);
        }
        if (!schema.matches("[A-Za-z0-9@._-]{1,385}")) {
            return SchemasApi.error(400, "BadRequestException", "Invalid schema name " + schema);
        }
        String type = request.path("Type").asText("");
        String content = request.path("Content").asText(null);
        String problem = invalid(type, content, !create);
        if (problem != null) {
            return SchemasApi.error(400, "BadRequestException", problem);
        }
        synchronized (r) {
            List<Version> versions = r.schemas.get(schema);
            if (create && versions != null) {
                return SchemasApi.error(409, "ConflictException", "Schema " + schema + " already exists.");
            }
            if (!create && versions == null) {
                return SchemasApi.error(404, "NotFoundException", "Schema " + schema + " does not exist.");
            }
            if (versions == null) {
                versions = new ArrayList<>();
                r.schemas.put(schema, versions);
            }
            Version last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
            Version v = new Version(
                    Integer.toString(versions.size() + 1),
                    type.isEmpty() ? last.type() : type,
                    content == null ? last.content() : content,
                    request.path("Description").asText(null),
                    Instant.now());
            versions.add(v);
            return AwsResponse.json(
                    create ? 201 : 200,
                    render(caller.account(), registry, schema, v, false).toString());
        }
    }

    /** Why AWS would refuse this content, or null; an update may leave the type and content out. */
    private static String invalid(String type, String content, boolean update) {
        if (!(update && type.isEmpty()) && !type.equals("OpenApi3") && !type.equals("JSONSchemaDraft4")) {
            return "Type must be OpenApi3 or JSONSchemaDraft4, not '" + type + "'.";
        }
        if (content == null) {
            return update ? null : "Content is required.";
        }
        if (content.length() > MAX_CONTENT) {
            return "Content is longer than " + MAX_CONTENT + " characters.";
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(content);
        } catch (IOException e) {
            return "Invalid schema: Content is not JSON.";
        }
        if (!doc.isObject()) {
            return "Invalid schema: Content must be a JSON object.";
        }
        if (type.equals("OpenApi3") && !doc.path("openapi").asText("").startsWith("3.")) {
            return "Invalid schema: an OpenApi3 schema needs \"openapi\": \"3.x\".";
        }
        return null;
    }

    private List<Version> versions(LocalIam.Credentials caller, String registry, String schema) {
        Registry r = registry(caller, registry);
        return r == null ? null : r.schemas.get(schema);
    }

    private AwsResponse describeSchema(String registry, String schema, String version, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "DescribeSchema", schemaArn(caller.account(), registry, schema));
        if (refused != null) {
            return refused;
        }
        Version v = find(caller, registry, schema, version);
        return v == null
                ? missingSchema(registry, schema, version)
                : AwsResponse.json(
                        200, render(caller.account(), registry, schema, v, true).toString());
    }

    private Version find(LocalIam.Credentials caller, String registry, String schema, String version) {
        List<Version> versions = versions(caller, registry, schema);
        if (versions == null) {
            return null;
        }
        synchronized (registry(caller, registry)) {
            if (version == null) {
                return versions.get(versions.size() - 1);
            }
            return versions.stream()
                    .filter(v -> v.version().equals(version))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static AwsResponse missingSchema(String registry, String schema, String version) {
        return SchemasApi.error(
                404,
                "NotFoundException",
                "Schema " + schema + (version == null ? "" : " version " + version) + " does not exist in registry "
                        + registry + ".");
    }

    private AwsResponse deleteSchema(String registry, String schema, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "DeleteSchema", schemaArn(caller.account(), registry, schema));
        if (refused != null) {
            return refused;
        }
        Registry r = registry(caller, registry);
        return r == null || r.schemas.remove(schema) == null
                ? missingSchema(registry, schema, null)
                : new AwsResponse(204, "application/json", new byte[0]);
    }

    private AwsResponse listVersions(
            String registry, String schema, Map<String, String> query, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "ListSchemaVersions", schemaArn(caller.account(), registry, schema));
        if (refused != null) {
            return refused;
        }
        List<Version> versions = versions(caller, registry, schema);
        if (versions == null) {
            return missingSchema(registry, schema, null);
        }
        List<Version> copy;
        synchronized (registry(caller, registry)) {
            copy = List.copyOf(versions);
        }
        ObjectNode out = JSON.createObjectNode();
        Paging.page(
                paging(query),
                copy,
                out,
                "SchemaVersions",
                v -> JSON.createObjectNode()
                        .put("SchemaArn", schemaArn(caller.account(), registry, schema))
                        .put("SchemaName", schema)
                        .put("SchemaVersion", v.version())
                        .put("Type", v.type()));
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse export(String registry, String schema, Map<String, String> query, LocalIam.Credentials caller) {
        AwsResponse refused = refused(caller, "ExportSchema", schemaArn(caller.account(), registry, schema));
        if (refused != null) {
            return refused;
        }
        if (!"JSONSchemaDraft4".equals(query.get("type"))) {
            return SchemasApi.error(400, "BadRequestException", "type must be JSONSchemaDraft4.");
        }
        Version v = find(caller, registry, schema, query.get("schemaVersion"));
        if (v == null) {
            return missingSchema(registry, schema, query.get("schemaVersion"));
        }
        String content = v.type().equals("JSONSchemaDraft4") ? v.content() : openApiToDraft4(v.content());
        ObjectNode out = JSON.createObjectNode()
                .put("Content", content)
                .put("SchemaArn", schemaArn(caller.account(), registry, schema))
                .put("SchemaName", schema)
                .put("SchemaVersion", v.version())
                .put("Type", "JSONSchemaDraft4");
        return AwsResponse.json(200, out.toString());
    }

    /**
     * An OpenAPI 3 event schema as one JSON Schema draft 4 document: the envelope component ({@code AWSEvent},
     * else the first) at the root, the other components under {@code definitions}, references rewritten, and
     * {@code nullable} turned into a {@code null} type.
     */
    static String openApiToDraft4(String openApi) {
        try {
            JsonNode doc = JSON.readTree(openApi);
            JsonNode schemas = doc.path("components").path("schemas");
            String rootName = schemas.has("AWSEvent")
                    ? "AWSEvent"
                    : schemas.fieldNames().hasNext() ? schemas.fieldNames().next() : null;
            ObjectNode out = JSON.createObjectNode().put("$schema", "http://json-schema.org/draft-04/schema#");
            if (rootName != null) {
                out.setAll((ObjectNode) draft4(schemas.get(rootName)));
                out.put("title", rootName);
            }
            ObjectNode definitions = out.putObject("definitions");
            Iterator<String> names = schemas.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals(rootName)) {
                    definitions.set(name, draft4(schemas.get(name)));
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("stored content is JSON", e);
        }
    }

    private static JsonNode draft4(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(item -> out.add(draft4(item)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("nullable")) {
                continue;
            }
            if (f.getKey().equals("$ref") && f.getValue().isTextual()) {
                out.put("$ref", f.getValue().asText().replace("#/components/schemas/", "#/definitions/"));
            } else {
                out.set(f.getKey(), draft4(f.getValue()));
            }
        }
        if (node.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            out.set("type", JSON.createArrayNode().add(out.get("type").asText()).add("null"));
        }
        return out;
    }

    private ObjectNode render(String account, String registry, String schema, Version v, boolean withContent) {
        ObjectNode n = JSON.createObjectNode()
                .put("SchemaArn", schemaArn(account, registry, schema))
                .put("SchemaName", schema)
                .put("SchemaVersion", v.version())
                .put("Type", v.type())
                .put("LastModified", v.created().toString())
                .put("VersionCreatedDate", v.created().toString());
        if (v.description() != null) {
            n.put("Description", v.description());
        }
        if (withContent) {
            n.put("Content", v.content());
        }
        n.putObject("Tags");
        return n;
    }

    private static ObjectNode paging(Map<String, String> query) {
        ObjectNode paging = JSON.createObjectNode();
        if (query.containsKey("limit")) {
            paging.put("Limit", query.get("limit"));
        }
        if (query.containsKey("nextToken")) {
            paging.put("NextToken", query.get("nextToken"));
        }
        return paging;
    }
}
