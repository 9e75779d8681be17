package io.eventbridge.kafka.source.schema.export;

import io.eventbridge.kafka.common.schemas.SchemasClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest version of schemas in an EventBridge schema registry, exported by the registry itself as JSON Schema
 * draft 4 (ExportSchema). An EventBridge registry holds no Avro: {@code .avsc} comes from Glue or the offsets.
 */
final class RegistrySchemas implements SchemaSource {
    private final SchemasClient client;
    private final String registry;

    RegistrySchemas(SchemasClient client, String registry) {
        this.client = client;
        this.registry = registry;
    }

    @Override
    public List<ExportedSchema> schemas(List<String> names) {
        List<String> wanted = names.isEmpty() ? client.listSchemas(registry, null) : names;
        List<ExportedSchema> out = new ArrayList<>();
        for (String name : wanted) {
            out.add(new ExportedSchema(
                    name,
                    null,
                    client.exportSchema(registry, name, null, "JSONSchemaDraft4")
                            .content()));
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
