package io.eventbridge.kafka.schema.registry;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import io.eventbridge.kafka.common.config.Validators;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The config fragment of publishing event schemas to an EventBridge schema registry, shared by the sink (the
 * schemas of what it sends) and the source (the schemas it infers of what it receives).
 */
public final class SchemaRegistryConfig {
    public static final String GROUP = "Schema registry";

    public static final String PUBLISH_CONFIG = "schema.registry.publish";
    public static final String PUBLISH_DOC = "Publish the schema of every (source, detail-type) to an EventBridge "
            + "schema registry, as schema <source>@<detail-type>, with a new version only when the schema really "
            + "changes. The registry never holds up events: publishing runs in the background and is retried while it "
            + "fails. Needs schemas:DescribeRegistry, schemas:CreateRegistry (if it creates the registry), "
            + "schemas:DescribeSchema, schemas:CreateSchema and schemas:UpdateSchema.";
    public static final boolean PUBLISH_DEFAULT = false;
    public static final String PUBLISH_DISPLAY = "Publish event schemas";

    public static final String NAME_CONFIG = "schema.registry.name";
    public static final String NAME_DOC =
            "The EventBridge schema registry to publish to (letters, digits, '.', '-' " + "and '_', at most 64).";
    public static final String NAME_DEFAULT = "kafka-connect-eventbridge";
    public static final String NAME_DISPLAY = "Schema registry";

    public static final String FORMAT_CONFIG = "schema.registry.format";
    public static final String FORMAT_DOC = "openapi3: OpenAPI 3.0 in the layout of EventBridge's discovered schemas "
            + "(the AWSEvent envelope with x-amazon-events-source and x-amazon-events-detail-type, the detail a "
            + "component of its own), which EventBridge's code bindings read. jsonschemadraft4: the same as JSON Schema "
            + "draft 4. The registry's spellings OpenApi3 and JSONSchemaDraft4 are accepted too.";
    public static final String FORMAT_DEFAULT = "openapi3";
    public static final String FORMAT_DISPLAY = "Schema format";

    public static final String CREATE_CONFIG = "schema.registry.create";
    public static final String CREATE_DOC = "Create the registry when it does not exist. Off: a missing registry is "
            + "a publishing failure (WARN, retried), never a task failure.";
    public static final boolean CREATE_DEFAULT = true;
    public static final String CREATE_DISPLAY = "Create the registry";

    public static final String ENDPOINT_CONFIG = "aws.schemas.endpoint.uri";
    public static final String ENDPOINT_DOC = "EventBridge Schemas endpoint instead of the region's "
            + "(schemas.<region>.amazonaws.com), e.g. a local test endpoint; signed with the connector's AWS credentials.";
    public static final String ENDPOINT_DISPLAY = "Schemas endpoint URI";

    private static final ConfigDef.Validator REGISTRY_NAME = Validators.matching(
            "[A-Za-z0-9._-]{1,64}",
            false,
            "a registry name has 1 to 64 letters, digits, '.', '-' or '_'",
            "1 to 64 of [A-Za-z0-9._-]");

    private SchemaRegistryConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        EnumValues<SchemaFormat> formats = EnumValues.of(SchemaFormat.class);
        new ConfigGroup(def, GROUP)
                .key(PUBLISH_CONFIG, Type.BOOLEAN)
                .defaultValue(PUBLISH_DEFAULT)
                .importance(Importance.MEDIUM)
                .doc(PUBLISH_DOC)
                .display(PUBLISH_DISPLAY)
                .dependents(NAME_CONFIG, FORMAT_CONFIG, CREATE_CONFIG)
                .define()
                .key(NAME_CONFIG, Type.STRING)
                .defaultValue(NAME_DEFAULT)
                .validator(REGISTRY_NAME)
                .importance(Importance.MEDIUM)
                .doc(NAME_DOC)
                .display(NAME_DISPLAY)
                .define()
                .key(FORMAT_CONFIG, Type.STRING)
                .defaultValue(FORMAT_DEFAULT)
                .validator(formats)
                .recommender(formats)
                .importance(Importance.LOW)
                .doc(FORMAT_DOC)
                .display(FORMAT_DISPLAY)
                .define()
                .key(CREATE_CONFIG, Type.BOOLEAN)
                .defaultValue(CREATE_DEFAULT)
                .importance(Importance.LOW)
                .doc(CREATE_DOC)
                .display(CREATE_DISPLAY)
                .define()
                .key(ENDPOINT_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ENDPOINT_DOC)
                .display(ENDPOINT_DISPLAY)
                .width(Width.LONG)
                .define();
        return def;
    }

    public static boolean publish(AbstractConfig config) {
        return config.getBoolean(PUBLISH_CONFIG);
    }

    /** The publisher's settings from a config; the description names what publishes. */
    public static SchemaPublisher.Settings settings(AbstractConfig config, String description) {
        return new SchemaPublisher.Settings(
                config.getString(NAME_CONFIG),
                EnumValues.of(SchemaFormat.class).parse(config.getString(FORMAT_CONFIG)),
                config.getBoolean(CREATE_CONFIG),
                description);
    }

    /** The endpoint override, or null for the region's. */
    public static String endpoint(AbstractConfig config) {
        String value = config.getString(ENDPOINT_CONFIG);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
