package io.eventbridge.kafka.source.schema.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import io.eventbridge.kafka.source.schema.SchemaInference;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The detail schemas a source connector inferred, read from its stored offsets through the Connect REST API
 * ({@code GET /connectors/<name>/offsets}, Connect 3.5+): the very schemas its tasks continue from, named by
 * detail-type, as {@code .avsc} and JSON Schema. Needs no AWS access.
 */
final class OffsetSchemas implements SchemaSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String connectUrl;
    private final String connector;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    OffsetSchemas(String connectUrl, String connector) {
        this.connectUrl = connectUrl.endsWith("/") ? connectUrl.substring(0, connectUrl.length() - 1) : connectUrl;
        this.connector = connector;
    }

    @Override
    public List<ExportedSchema> schemas(List<String> names) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/"
                        + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20") + "/offsets"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        List<ExportedSchema> out = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(response.body()).path("offsets")) {
            JsonNode detailType = entry.path("partition").path(SchemaInference.PARTITION_KEY);
            JsonNode offset = entry.path("offset");
            if (!detailType.isTextual()
                    || !offset.path(SchemaInference.OFFSET_SHAPE).isTextual()
                    || !names.isEmpty() && !names.contains(detailType.asText())) {
                continue; // an SQS-less partition of something else, or not asked for
            }
            Schema schema = SchemaInference.storedDetailSchema(
                    detailType.asText(),
                    offset.get(SchemaInference.OFFSET_SHAPE).asText(),
                    offset.path(SchemaInference.OFFSET_VERSION).asInt());
            schema = required(schema);
            String avsc = new org.apache.avro.JsonSchemaFormatter(true).format(AvroSchemas.toAvro(schema));
            out.add(new ExportedSchema(
                    detailType.asText(), avsc, SchemaSource.jsonSchemaDocument(schema, detailType.asText())));
        }
        return out;
    }

    /** The top struct as a required schema: an .avsc is the record itself, not a union with null. */
    private static Schema required(Schema schema) {
        if (!schema.isOptional() || schema.type() != Schema.Type.STRUCT) {
            return schema;
        }
        SchemaBuilder b = SchemaBuilder.struct()
                .name(schema.name())
                .version(schema.version())
                .doc(schema.doc());
        if (schema.parameters() != null) {
            b.parameters(schema.parameters());
        }
        schema.fields().forEach(f -> b.field(f.name(), f.schema()));
        return b.build();
    }
}
