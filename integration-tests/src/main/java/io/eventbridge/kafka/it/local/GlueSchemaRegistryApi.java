package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The part of the AWS Glue Schema Registry API (AWS JSON 1.1, target prefix {@code AWSGlue.}) that Glue's
 * serde calls: CreateSchema, RegisterSchemaVersion, GetSchemaByDefinition, GetSchemaVersion,
 * PutSchemaVersionMetadata and QuerySchemaVersionMetadata, and ListSchemas for the schema export. Registries
 * exist on first use. A new Avro version is checked against the latest one for the schema's compatibility mode
 * (BACKWARD, FORWARD, FULL, NONE or DISABLED) and gets status FAILURE when it breaks it, as Glue does.
 */
public final class GlueSchemaRegistryApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final Map<String, SchemaEntry> schemas = new ConcurrentHashMap<>(); // registry/name
    private final Map<String, Version> versions = new ConcurrentHashMap<>(); // version id

    public record Version(
            String id, String schemaKey, String definition, int number, String status, Map<String, String> metadata) {}

    private static final class SchemaEntry {
        final String registry;
        final String name;
        final String compatibility;
        final String dataFormat;
        final List<Version> versions = new ArrayList<>();

        SchemaEntry(String registry, String name, String compatibility, String dataFormat) {
            this.registry = registry;
            this.name = name;
            this.compatibility = compatibility;
            this.dataFormat = dataFormat;
        }
    }

    GlueSchemaRegistryApi(String region) {
        this.region = region;
    }

    /** Every version registered so far, for tests. */
    List<Version> versions() {
        return List.copyOf(versions.values());
    }

    void reset() {
        schemas.clear();
        versions.clear();
    }

    AwsResponse handle(String operation, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        synchronized (this) {
            return switch (operation) {
                case "CreateSchema" -> createSchema(request);
                case "RegisterSchemaVersion" -> registerVersion(request);
                case "GetSchemaByDefinition" -> getByDefinition(request);
                case "GetSchemaVersion" -> getVersion(request);
                case "PutSchemaVersionMetadata" -> putMetadata(request);
                case "QuerySchemaVersionMetadata" -> queryMetadata(request);
                case "ListSchemas" -> listSchemas(request);
                default ->
                    AwsResponse.error(
                            400,
                            "UnknownOperationException",
                            "AWSGlue." + operation + " is not served by the local endpoint");
            };
        }
    }

    private AwsResponse createSchema(JsonNode request) {
        String registry = registryName(request.path("RegistryId"));
        String name = request.path("SchemaName").asText();
        String key = registry + "/" + name;
        if (schemas.containsKey(key)) {
            return AwsResponse.error(400, "AlreadyExistsException", "Schema already exists: " + key);
        }
        SchemaEntry entry = new SchemaEntry(
                registry,
                name,
                request.path("Compatibility").asText("BACKWARD"),
                request.path("DataFormat").asText("AVRO"));
        schemas.put(key, entry);
        ObjectNode out = schemaNode(entry);
        if (request.hasNonNull("SchemaDefinition")) {
            Version v = addVersion(entry, request.get("SchemaDefinition").asText());
            out.put("SchemaVersionId", v.id()).put("SchemaVersionStatus", v.status());
        }
        out.put("SchemaStatus", "AVAILABLE");
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse registerVersion(JsonNode request) {
        SchemaEntry entry = schema(request.path("SchemaId"));
        if (entry == null) {
            return AwsResponse.error(400, "EntityNotFoundException", "Schema is not found.");
        }
        String definition = request.path("SchemaDefinition").asText();
        Version v = entry.versions.stream()
                .filter(x -> sameDefinition(x.definition(), definition))
                .findFirst()
                .orElseGet(() -> addVersion(entry, definition));
        return AwsResponse.json(
                200,
                JSON.createObjectNode()
                        .put("SchemaVersionId", v.id())
                        .put("VersionNumber", v.number())
                        .put("Status", v.status())
                        .toString());
    }

    private AwsResponse getByDefinition(JsonNode request) {
        SchemaEntry entry = schema(request.path("SchemaId"));
        String definition = request.path("SchemaDefinition").asText();
        if (entry != null) {
            for (Version v : entry.versions) {
                if (sameDefinition(v.definition(), definition)) {
                    return AwsResponse.json(
                            200,
                            JSON.createObjectNode()
                                    .put("SchemaVersionId", v.id())
                                    .put("SchemaArn", arn(entry))
                                    .put("DataFormat", entry.dataFormat)
                                    .put("Status", v.status())
                                    .put("CreatedTime", System.currentTimeMillis() / 1000.0)
                                    .toString());
                }
            }
        }
        // Glue's serde tells the two apart by message: create the schema, or register a version of it
        return AwsResponse.error(
                400,
                "EntityNotFoundException",
                entry == null ? "Schema is not found." : "Schema version is not found.");
    }

    private AwsResponse getVersion(JsonNode request) {
        Version v = null;
        if (request.hasNonNull("SchemaVersionId")) {
            v = versions.get(request.get("SchemaVersionId").asText());
        } else {
            SchemaEntry entry = schema(request.path("SchemaId"));
            if (entry != null && !entry.versions.isEmpty()) {
                JsonNode number = request.path("SchemaVersionNumber");
                if (number.path("LatestVersion").asBoolean(false)) {
                    v = entry.versions.get(entry.versions.size() - 1);
                } else if (number.has("VersionNumber")) {
                    int n = number.get("VersionNumber").asInt();
                    v = n >= 1 && n <= entry.versions.size() ? entry.versions.get(n - 1) : null;
                }
            }
        }
        if (v == null) {
            return AwsResponse.error(400, "EntityNotFoundException", "Schema version is not found.");
        }
        SchemaEntry entry = schemas.get(v.schemaKey());
        return AwsResponse.json(
                200,
                JSON.createObjectNode()
                        .put("SchemaVersionId", v.id())
                        .put("SchemaDefinition", v.definition())
                        .put("DataFormat", entry.dataFormat)
                        .put("SchemaArn", arn(entry))
                        .put("VersionNumber", v.number())
                        .put("Status", v.status())
                        .put("CreatedTime", System.currentTimeMillis() / 1000.0)
                        .toString());
    }

    /** ListSchemas of a registry, by name, paged with MaxResults and NextToken. */
    private AwsResponse listSchemas(JsonNode request) {
        String registry = registryName(request.path("RegistryId"));
        List<SchemaEntry> all = schemas.values().stream()
                .filter(e -> e.registry.equals(registry))
                .sorted(java.util.Comparator.comparing(e -> e.name))
                .toList();
        ObjectNode paging = JSON.createObjectNode();
        if (request.has("MaxResults")) {
            paging.put("Limit", request.get("MaxResults").asInt());
        }
        if (request.hasNonNull("NextToken")) {
            paging.put("NextToken", request.get("NextToken").asText());
        }
        ObjectNode out = JSON.createObjectNode();
        Paging.page(
                paging,
                all,
                out,
                "Schemas",
                e -> JSON.createObjectNode()
                        .put("RegistryName", e.registry)
                        .put("SchemaName", e.name)
                        .put("SchemaArn", arn(e))
                        .put("SchemaStatus", "AVAILABLE"));
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse putMetadata(JsonNode request) {
        Version v = versions.get(request.path("SchemaVersionId").asText());
        if (v == null) {
            return AwsResponse.error(400, "EntityNotFoundException", "Schema version is not found.");
        }
        String key = request.path("MetadataKeyValue").path("MetadataKey").asText();
        String value = request.path("MetadataKeyValue").path("MetadataValue").asText();
        v.metadata().put(key, value);
        return AwsResponse.json(
                200,
                JSON.createObjectNode()
                        .put("SchemaVersionId", v.id())
                        .put("MetadataKey", key)
                        .put("MetadataValue", value)
                        .put("VersionNumber", v.number())
                        .toString());
    }

    private AwsResponse queryMetadata(JsonNode request) {
        Version v = versions.get(request.path("SchemaVersionId").asText());
        if (v == null) {
            return AwsResponse.error(400, "EntityNotFoundException", "Schema version is not found.");
        }
        ObjectNode out = JSON.createObjectNode().put("SchemaVersionId", v.id());
        ObjectNode map = out.putObject("MetadataInfoMap");
        v.metadata().forEach((k, val) -> map.putObject(k).put("MetadataValue", val));
        return AwsResponse.json(200, out.toString());
    }

    private Version addVersion(SchemaEntry entry, String definition) {
        String status = "AVAILABLE";
        if (!entry.versions.isEmpty()
                && "AVRO".equals(entry.dataFormat)
                && !compatible(
                        entry.compatibility,
                        entry.versions.get(entry.versions.size() - 1).definition(),
                        definition)) {
            status = "FAILURE";
        }
        Version v = new Version(
                UUID.randomUUID().toString(),
                entry.registry + "/" + entry.name,
                definition,
                entry.versions.size() + 1,
                status,
                new ConcurrentHashMap<>());
        if (status.equals("AVAILABLE")) {
            entry.versions.add(v);
        }
        versions.put(v.id(), v);
        return v;
    }

    /** Whether a new Avro schema may follow the latest one under the mode (only against the latest version). */
    static boolean compatible(String mode, String latest, String next) {
        Schema previous = new Schema.Parser().parse(latest);
        Schema proposed = new Schema.Parser().parse(next);
        boolean backward = SchemaCompatibility.checkReaderWriterCompatibility(proposed, previous)
                        .getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        boolean forward = SchemaCompatibility.checkReaderWriterCompatibility(previous, proposed)
                        .getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        return switch (mode) {
            case "NONE", "DISABLED" -> true;
            case "FORWARD", "FORWARD_ALL" -> forward;
            case "FULL", "FULL_ALL" -> backward && forward;
            default -> backward;
        };
    }

    private static boolean sameDefinition(String a, String b) {
        try {
            return new Schema.Parser().parse(a).equals(new Schema.Parser().parse(b));
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }

    private SchemaEntry schema(JsonNode schemaId) {
        if (schemaId.hasNonNull("SchemaArn")) {
            String arn = schemaId.get("SchemaArn").asText();
            return schemas.values().stream()
                    .filter(s -> arn(s).equals(arn))
                    .findFirst()
                    .orElse(null);
        }
        return schemas.get(
                registryName(schemaId) + "/" + schemaId.path("SchemaName").asText());
    }

    private static String registryName(JsonNode id) {
        return id.path("RegistryName").asText("default-registry");
    }

    private ObjectNode schemaNode(SchemaEntry entry) {
        return JSON.createObjectNode()
                .put("RegistryName", entry.registry)
                .put(
                        "RegistryArn",
                        "arn:aws:glue:" + region + ":" + EventBridgeApi.ACCOUNT + ":registry/" + entry.registry)
                .put("SchemaName", entry.name)
                .put("SchemaArn", arn(entry))
                .put("DataFormat", entry.dataFormat)
                .put("Compatibility", entry.compatibility)
                .put("LatestSchemaVersion", entry.versions.size())
                .put("NextSchemaVersion", entry.versions.size() + 1);
    }

    private String arn(SchemaEntry entry) {
        return "arn:aws:glue:" + region + ":" + EventBridgeApi.ACCOUNT + ":schema/" + entry.registry + "/" + entry.name;
    }
}
