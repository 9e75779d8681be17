package io.eventbridge.kafka.common.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@link SchemasClient} over the Schemas REST API ({@code https://schemas.<region>.amazonaws.com/v1/...}), each
 * request signed with SigV4 for the service {@code schemas} by the SDK's signer and sent with the SDK's blocking
 * HTTP client, with the factory's credentials, timeouts and user agent. It does not retry: callers retry with the
 * shared policy.
 */
public final class SignedSchemasClient implements SchemasClient {
    private static final String SERVICE = "schemas";

    private final AwsClientFactory aws;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param endpointOverride the service endpoint, or null for the region's */
    public SignedSchemasClient(AwsClientFactory aws, String endpointOverride) {
        this.aws = aws;
        this.endpoint = URI.create(
                endpointOverride != null
                        ? endpointOverride
                        : "https://schemas." + aws.region().id() + ".amazonaws.com");
        this.http = aws.syncHttpClient(2, 0);
    }

    @Override
    public List<Discoverer> listDiscoverers(String sourceArnPrefix) {
        List<Discoverer> all = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("sourceArnPrefix", sourceArnPrefix);
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = call(SdkHttpMethod.GET, "/v1/discoverers", query, null, "ListDiscoverers");
            for (JsonNode d : page.path("Discoverers")) {
                all.add(new Discoverer(
                        d.path("DiscovererId").asText(),
                        d.path("SourceArn").asText(),
                        d.path("State").asText(),
                        d.path("CrossAccount").asBoolean(false)));
            }
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null && !token.isEmpty());
        return all;
    }

    @Override
    public boolean registryExists(String registry) {
        try {
            call(SdkHttpMethod.GET, registryPath(registry), Map.of(), null, "DescribeRegistry");
            return true;
        } catch (AwsServiceException e) {
            if (notFound(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void createRegistry(String registry, String description) {
        String body = JsonRenderer.MAPPER
                .createObjectNode()
                .put("Description", description)
                .toString();
        call(SdkHttpMethod.POST, registryPath(registry), Map.of(), body, "CreateRegistry");
    }

    @Override
    public SchemaVersion describeSchema(String registry, String schema, String version) {
        try {
            return version(call(
                    SdkHttpMethod.GET,
                    schemaPath(registry, schema),
                    version == null ? Map.of() : Map.of("schemaVersion", version),
                    null,
                    "DescribeSchema"));
        } catch (AwsServiceException e) {
            if (notFound(e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public SchemaVersion createSchema(String registry, String schema, String type, String content, String description) {
        return putSchema(SdkHttpMethod.POST, registry, schema, type, content, description, "CreateSchema");
    }

    @Override
    public SchemaVersion updateSchema(String registry, String schema, String type, String content, String description) {
        return putSchema(SdkHttpMethod.PUT, registry, schema, type, content, description, "UpdateSchema");
    }

    private SchemaVersion putSchema(
            SdkHttpMethod method,
            String registry,
            String schema,
            String type,
            String content,
            String description,
            String operation) {
        String body = JsonRenderer.MAPPER
                .createObjectNode()
                .put("Type", type)
                .put("Content", content)
                .put("Description", description)
                .toString();
        return version(call(method, schemaPath(registry, schema), Map.of(), body, operation));
    }

    @Override
    public List<String> listSchemaVersions(String registry, String schema) {
        List<String> out = new ArrayList<>();
        pages(
                schemaPath(registry, schema) + "/versions",
                new LinkedHashMap<>(),
                "ListSchemaVersions",
                page -> page.path("SchemaVersions")
                        .forEach(v -> out.add(v.path("SchemaVersion").asText())));
        return out;
    }

    @Override
    public List<String> listSchemas(String registry, String prefix) {
        List<String> out = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        if (prefix != null && !prefix.isEmpty()) {
            query.put("schemaNamePrefix", prefix);
        }
        pages(
                registryPath(registry) + "/schemas",
                query,
                "ListSchemas",
                page -> page.path("Schemas")
                        .forEach(v -> out.add(v.path("SchemaName").asText())));
        return out;
    }

    @Override
    public SchemaVersion exportSchema(String registry, String schema, String version, String type) {
        Map<String, String> query = new LinkedHashMap<>();
        if (version != null) {
            query.put("schemaVersion", version);
        }
        query.put("type", type);
        return version(call(SdkHttpMethod.GET, schemaPath(registry, schema) + "/export", query, null, "ExportSchema"));
    }

    private void pages(
            String path, Map<String, String> query, String operation, java.util.function.Consumer<JsonNode> each) {
        String token = null;
        do {
            Map<String, String> q = new LinkedHashMap<>(query);
            if (token != null) {
                q.put("nextToken", token);
            }
            JsonNode page = call(SdkHttpMethod.GET, path, q, null, operation);
            each.accept(page);
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null && !token.isEmpty());
    }

    private static SchemaVersion version(JsonNode answer) {
        return new SchemaVersion(
                answer.path("SchemaName").asText(null),
                answer.path("SchemaVersion").asText(null),
                answer.path("Type").asText(null),
                answer.path("Content").asText(null));
    }

    private static String registryPath(String registry) {
        return "/v1/registries/name/" + segment(registry);
    }

    private static String schemaPath(String registry, String schema) {
        return registryPath(registry) + "/schemas/name/" + segment(schema);
    }

    /** A path segment, percent-encoded where a name has anything beyond letters, digits and {@code .-_@}. */
    private static String segment(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '@')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static boolean notFound(AwsServiceException e) {
        return e.statusCode() == 404
                || e.awsErrorDetails() != null
                        && "NotFoundException".equals(e.awsErrorDetails().errorCode());
    }

    /** Sends one signed request and returns its JSON answer; an error answer is thrown as the service's error. */
    JsonNode call(SdkHttpMethod method, String path, Map<String, String> query, String body, String operation) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(method)
                .uri(endpoint)
                .encodedPath(path)
                .putHeader("User-Agent", AwsClientFactory.USER_AGENT)
                .putHeader("Accept", "application/json");
        query.forEach((k, v) -> request.putRawQueryParameter(k, v));
        if (body != null) {
            request.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(payload.length));
        }
        ContentStreamProvider content = body == null ? null : () -> new ByteArrayInputStream(payload);
        AwsCredentialsIdentity identity = aws.credentials().resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(content)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region().id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            byte[] answer = readAll(response.responseBody().orElse(null));
            SdkHttpResponse head = response.httpResponse();
            if (!head.isSuccessful()) {
                throw error(operation, head, answer);
            }
            return answer.length == 0 ? JsonRenderer.MAPPER.createObjectNode() : JsonRenderer.MAPPER.readTree(answer);
        } catch (IOException e) {
            throw SdkClientException.create("Schemas " + operation + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    private static AwsServiceException error(String operation, SdkHttpResponse head, byte[] answer) {
        String code = head.firstMatchingHeader("x-amzn-ErrorType")
                .map(t -> t.split(":", 2)[0])
                .orElse(null);
        String message = new String(answer, StandardCharsets.UTF_8);
        try {
            JsonNode json = JsonRenderer.MAPPER.readTree(answer);
            if (code == null) {
                code = json.path("Code").asText(null);
            }
            message = json.has("Message")
                    ? json.get("Message").asText()
                    : json.path("message").asText(message);
        } catch (IOException | UncheckedIOException e) {
            // not JSON: keep the text
        }
        if (code == null) {
            code = "HTTP" + head.statusCode();
        }
        return AwsServiceException.builder()
                .message("Schemas " + operation + " failed: " + code + ": " + message)
                .statusCode(head.statusCode())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Schemas")
                        .sdkHttpResponse(head)
                        .build())
                .build();
    }

    @Override
    public void close() {
        http.close();
    }
}
