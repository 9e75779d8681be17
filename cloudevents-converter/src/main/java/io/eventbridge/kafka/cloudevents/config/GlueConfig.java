package io.eventbridge.kafka.cloudevents.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.config.ConfigGroup;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * AWS Glue Schema Registry settings of the avro data format: the registry and schema naming, and the
 * AWS client keys of connect-common under {@code glue.} (region, endpoint, credentials, role).
 */
public final class GlueConfig {
    public static final String PREFIX = "glue.";
    public static final String GROUP = "Glue Schema Registry (data.format=avro)";
    public static final String CLIENT_GROUP = "Glue Schema Registry client";

    public static final String REGISTRY_NAME_CONFIG = PREFIX + "registry.name";
    public static final String REGISTRY_NAME_DOC = "Glue registry that holds the data schemas.";
    public static final String REGISTRY_NAME_DEFAULT = "default-registry";
    public static final String REGISTRY_NAME_DISPLAY = "Registry name";

    public static final String SCHEMA_NAME_CONFIG = PREFIX + "schema.name";
    public static final String SCHEMA_NAME_DOC = "Name of the Glue schema a record's data is registered under: "
            + "a template with ${topic} and ${schema.name} (the Connect schema's name).";
    public static final String SCHEMA_NAME_DEFAULT = "${topic}";
    public static final String SCHEMA_NAME_DISPLAY = "Schema name template";

    public static final String AUTO_REGISTRATION_CONFIG = PREFIX + "auto.registration";
    public static final String AUTO_REGISTRATION_DOC = "Register a schema, or a new version of it, when a record's "
            + "schema is not in the registry yet. Off, writing a record whose schema is not registered fails.";
    public static final boolean AUTO_REGISTRATION_DEFAULT = false;
    public static final String AUTO_REGISTRATION_DISPLAY = "Auto-register schemas";

    public static final String COMPATIBILITY_CONFIG = PREFIX + "compatibility";
    public static final String COMPATIBILITY_DOC = "Compatibility mode of schemas this converter creates: NONE, "
            + "DISABLED, BACKWARD, BACKWARD_ALL, FORWARD, FORWARD_ALL, FULL or FULL_ALL.";
    public static final String COMPATIBILITY_DEFAULT = "BACKWARD";
    public static final String COMPATIBILITY_DISPLAY = "Compatibility of new schemas";

    public static final String CACHE_SIZE_CONFIG = PREFIX + "cache.size";
    public static final String CACHE_SIZE_DOC = "Schema versions the converter keeps in memory.";
    public static final int CACHE_SIZE_DEFAULT = 200;
    public static final String CACHE_SIZE_DISPLAY = "Schema cache size";

    private GlueConfig() {}

    static void addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(REGISTRY_NAME_CONFIG, Type.STRING)
                .defaultValue(REGISTRY_NAME_DEFAULT)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.MEDIUM)
                .doc(REGISTRY_NAME_DOC)
                .display(REGISTRY_NAME_DISPLAY)
                .define()
                .key(SCHEMA_NAME_CONFIG, Type.STRING)
                .defaultValue(SCHEMA_NAME_DEFAULT)
                .validator(CloudEventsConverterConfig.TEMPLATE)
                .importance(Importance.MEDIUM)
                .doc(SCHEMA_NAME_DOC)
                .display(SCHEMA_NAME_DISPLAY)
                .define()
                .key(AUTO_REGISTRATION_CONFIG, Type.BOOLEAN)
                .defaultValue(AUTO_REGISTRATION_DEFAULT)
                .importance(Importance.MEDIUM)
                .doc(AUTO_REGISTRATION_DOC)
                .display(AUTO_REGISTRATION_DISPLAY)
                .define()
                .key(COMPATIBILITY_CONFIG, Type.STRING)
                .defaultValue(COMPATIBILITY_DEFAULT)
                .validator(ConfigDef.ValidString.in(
                        "NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"))
                .importance(Importance.LOW)
                .doc(COMPATIBILITY_DOC)
                .display(COMPATIBILITY_DISPLAY)
                .define()
                .key(CACHE_SIZE_CONFIG, Type.INT)
                .defaultValue(CACHE_SIZE_DEFAULT)
                .validator(ConfigDef.Range.atLeast(1))
                .importance(Importance.LOW)
                .doc(CACHE_SIZE_DOC)
                .display(CACHE_SIZE_DISPLAY)
                .define();
        AwsClientConfig.addTo(def, PREFIX, CLIENT_GROUP, false);
    }
}
