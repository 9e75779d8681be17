package io.eventbridge.kafka.common.schemas;

import java.util.List;

/**
 * The few EventBridge Schemas operations the connectors call. The AWS SDK v2 {@code schemas} module is not served
 * to this build, so {@link SignedSchemasClient} speaks the service's REST API with the SDK's own SigV4 signer and
 * HTTP client; this interface is what lets the SDK module replace it later. Failures are
 * {@link software.amazon.awssdk.awscore.exception.AwsServiceException}s with the service's error code and status,
 * so the shared error classifier reads them as it reads the SDK's.
 */
public interface SchemasClient extends AutoCloseable {
    /** A schema discoverer: while it is STARTED, EventBridge samples (and bills) the events of its bus. */
    record Discoverer(String id, String sourceArn, String state, boolean crossAccount) {
        public boolean started() {
            return "STARTED".equals(state);
        }
    }

    /** One version of a schema in a registry. */
    record SchemaVersion(String name, String version, String type, String content) {}

    /** ListDiscoverers for the sources whose ARN starts with {@code sourceArnPrefix}, every page. */
    List<Discoverer> listDiscoverers(String sourceArnPrefix);

    /** DescribeRegistry: whether the registry exists (false on NotFoundException). */
    boolean registryExists(String registry);

    /** CreateRegistry; a ConflictException (it exists already) is thrown as the service's error. */
    void createRegistry(String registry, String description);

    /** DescribeSchema of a version, or of the latest for a null version; null when there is no such schema. */
    SchemaVersion describeSchema(String registry, String schema, String version);

    /** CreateSchema: the schema's first version. */
    SchemaVersion createSchema(String registry, String schema, String type, String content, String description);

    /** UpdateSchema: a new version of an existing schema. */
    SchemaVersion updateSchema(String registry, String schema, String type, String content, String description);

    /** ListSchemaVersions, every page, oldest first as the registry lists them. */
    List<String> listSchemaVersions(String registry, String schema);

    /** ListSchemas whose names start with {@code prefix} (empty: all), every page. */
    List<String> listSchemas(String registry, String prefix);

    /** ExportSchema of a version (null: latest) as {@code type}, e.g. JSONSchemaDraft4. */
    SchemaVersion exportSchema(String registry, String schema, String version, String type);

    @Override
    void close();
}
