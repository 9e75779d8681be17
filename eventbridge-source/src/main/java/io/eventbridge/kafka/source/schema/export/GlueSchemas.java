package io.eventbridge.kafka.source.schema.export;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.ListSchemasResponse;

/**
 * The latest version of Avro schemas in an AWS Glue Schema Registry (what Glue's converter registered for the
 * source's records): the {@code .avsc} as registered, and its JSON Schema through the suite's translation.
 */
final class GlueSchemas implements SchemaSource {
    private final GlueClient glue;
    private final String registry;

    GlueSchemas(AwsClientFactory aws, String endpoint, String registry) {
        this.glue = aws.configure(GlueClient.builder(), endpoint)
                .httpClient(aws.syncHttpClient(2, 0))
                .build();
        this.registry = registry;
    }

    @Override
    public List<ExportedSchema> schemas(List<String> names) {
        List<String> wanted = names.isEmpty() ? all() : names;
        List<ExportedSchema> out = new ArrayList<>();
        for (String name : wanted) {
            GetSchemaVersionResponse latest = glue.getSchemaVersion(
                    r -> r.schemaId(id -> id.registryName(registry).schemaName(name))
                            .schemaVersionNumber(v -> v.latestVersion(true)));
            if (!"AVRO".equals(latest.dataFormatAsString())) {
                continue; // JSON and Protobuf schemas are not what the converter registers
            }
            String avsc = new org.apache.avro.JsonSchemaFormatter(true)
                    .format(new org.apache.avro.Schema.Parser().parse(latest.schemaDefinition()));
            String json = SchemaSource.jsonSchemaDocument(
                    AvroSchemas.toConnect(new org.apache.avro.Schema.Parser().parse(latest.schemaDefinition())), name);
            out.add(new ExportedSchema(name, avsc, json));
        }
        return out;
    }

    private List<String> all() {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListSchemasResponse page = glue.listSchemas(
                    r -> r.registryId(id -> id.registryName(registry)).nextToken(next));
            page.schemas().forEach(s -> names.add(s.schemaName()));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return names;
    }

    @Override
    public void close() {
        glue.close();
    }
}
