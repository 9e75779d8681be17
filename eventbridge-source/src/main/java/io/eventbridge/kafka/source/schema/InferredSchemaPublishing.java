package io.eventbridge.kafka.source.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.metrics.TaskMetrics;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.schema.infer.JsonShapes;
import io.eventbridge.kafka.schema.infer.Shape;
import io.eventbridge.kafka.schema.json.EventSchemas;
import io.eventbridge.kafka.schema.json.JsonSchemas;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import io.eventbridge.kafka.schema.registry.SchemaPublisher;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code schema.registry.publish}, every new version of a detail-type's inferred schema also goes to an
 * EventBridge schema registry, as schema {@code <source>@<detail-type>} describing the events on the bus (their
 * JSON, by its own field names), in the background: the registry never holds up records.
 */
public final class InferredSchemaPublishing implements SchemaInference.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InferredSchemaPublishing.class);

    private final SchemaInference inference;
    private final SchemaPublisher publisher;
    private final SchemaFormat format;

    private InferredSchemaPublishing(SchemaInference inference, SchemaPublisher publisher) {
        this.inference = inference;
        this.publisher = publisher;
        this.format = publisher.settings().format();
    }

    /** Publishing for this task, or null when the config does not ask for it or nothing is inferred. */
    public static InferredSchemaPublishing start(
            AbstractConfig config,
            SchemaInference inference,
            AwsClientFactory aws,
            RetryPolicy retry,
            TaskMetrics metrics,
            String name) {
        if (inference == null || !SchemaRegistryConfig.publish(config)) {
            return null;
        }
        SchemaPublisher publisher = new SchemaPublisher(
                new SignedSchemasClient(aws, SchemaRegistryConfig.endpoint(config)),
                SchemaRegistryConfig.settings(config, "Inferred by the EventBridge source connector " + name),
                retry,
                "eventbridge-source-schemas-" + name);
        metrics.schemaRegistryGauges(
                publisher::versionsPublished, publisher::unchanged, publisher::failures, publisher::pending);
        InferredSchemaPublishing publishing = new InferredSchemaPublishing(inference, publisher);
        inference.addListener(publishing);
        log.info(
                "Publishing inferred schemas to registry {} as {}",
                publisher.settings().registry(),
                publisher.settings().format().registryType());
        return publishing;
    }

    @Override
    public void changed(String source, String detailType, Schema detail) {
        Shape own = JsonSchemas.shapeOf(JsonSchemas.of(detail, JsonSchemas.Dialect.OPENAPI3));
        publisher.offer(
                EventSchemas.schemaName(source, detailType),
                document(source, detailType, detail),
                latest -> widened(source, detailType, detail, own, latest));
    }

    private ObjectNode document(String source, String detailType, Schema detail) {
        return EventSchemas.document(format, source, detailType, dialect -> {
            var schema = JsonSchemas.of(detail, dialect);
            schema.remove("nullable"); // an event's detail is always an object
            if (schema.get("type") != null && schema.get("type").isArray()) {
                schema.put("type", "object");
            }
            return schema;
        });
    }

    /**
     * The detail's schema widened by the registry's latest (tasks on other workers infer from other messages):
     * what both describe, as the one inference merges it.
     */
    private ObjectNode widened(String source, String detailType, Schema detail, Shape own, JsonNode latest) {
        String detailName = EventSchemas.detailName(detailType);
        JsonNode published = format == SchemaFormat.OPENAPI3
                ? latest.path("components").path("schemas").path(detailName)
                : latest.path("definitions").path(detailName);
        Shape theirs = JsonSchemas.shapeOf(published);
        if (own == null || theirs == null) {
            return document(source, detailType, detail);
        }
        return document(
                source,
                detailType,
                JsonShapes.schema(
                        Shape.merge(theirs, own),
                        detail.name(),
                        Math.max(1, detail.version() == null ? 1 : detail.version()),
                        true));
    }

    @Override
    public void close() {
        inference.removeListener(this);
        publisher.close();
    }
}
