package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.error.FailureKind;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The connectors' Schemas REST client (SigV4 for "schemas" with the SDK's signer) against the local Schemas API:
 * discoverers are listed across pages by source ARN prefix, a refusal arrives as the service's error code,
 * classified as the shared classifier classifies the SDK's own, and registries and schemas are created, versioned,
 * described, listed and exported as the service does, refusing what it refuses.
 */
class SchemasApiIT extends LocalEndpointTest {
    private static SchemasClient client(AwsClientFactory aws) {
        return new SignedSchemasClient(aws, local.endpoint());
    }

    private static AwsClientFactory aws(String accessKey, String secret) {
        return new AwsClientFactory(new AwsClientSettings(
                LocalEventBridge.REGION,
                local.endpoint(),
                null,
                null,
                null,
                null,
                null,
                null,
                accessKey,
                secret,
                null,
                10_000,
                5_000,
                java.util.Map.of()));
    }

    @Test
    void listsEveryDiscovererOfABusAcrossPages() {
        for (int i = 0; i < 130; i++) { // more than one page of 100
            local.startSchemaDiscovery(local.createBus("paged-" + i));
        }
        String bus = local.createBus("orders");
        local.startSchemaDiscovery(bus);
        try (AwsClientFactory aws = aws(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY);
                SchemasClient schemas = client(aws)) {
            assertThat(schemas.listDiscoverers(bus)).singleElement().satisfies(d -> {
                assertThat(d.sourceArn()).isEqualTo(bus);
                assertThat(d.started()).isTrue();
            });
            assertThat(schemas.listDiscoverers("arn:aws:events:us-east-1:123456789012:event-bus/paged-"))
                    .hasSize(130);
        }
    }

    @Test
    void aRefusalKeepsTheServicesCodeAndIsFatal() {
        local.iam()
                .identityPolicy(
                        LocalEventBridge.ACCESS_KEY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":"
                                + "[{\"Effect\":\"Allow\",\"Action\":\"events:*\",\"Resource\":\"*\"}]}");
        try (AwsClientFactory aws = aws(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY);
                SchemasClient schemas = client(aws)) {
            assertThatThrownBy(() -> schemas.listDiscoverers("arn:aws:events:"))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                        assertThat(e.getMessage()).contains("schemas:ListDiscoverers");
                        assertThat(AwsErrorClassifier.classify(e)).isEqualTo(FailureKind.FATAL);
                    });
        }
        try (AwsClientFactory aws = aws("AKIDUNKNOWN", "x");
                SchemasClient schemas = client(aws)) {
            assertThatThrownBy(() -> schemas.listDiscoverers("arn:aws:events:"))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedException"));
        }
    }

    private static final String OPEN_API =
            "{\"openapi\":\"3.0.0\",\"info\":{\"version\":\"1.0.0\",\"title\":\"Order\"},"
                    + "\"paths\":{},\"components\":{\"schemas\":{\"AWSEvent\":{\"type\":\"object\",\"properties\":{\"detail\":"
                    + "{\"$ref\":\"#/components/schemas/Order\"}}},\"Order\":{\"type\":\"object\",\"properties\":{\"id\":"
                    + "{\"type\":\"string\",\"nullable\":true}}}}}}";

    @Test
    void registriesAndSchemaVersionsBehaveAsTheServicesDo() {
        try (AwsClientFactory aws = aws(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY);
                SchemasClient schemas = client(aws)) {
            assertThat(schemas.registryExists("orders")).isFalse();
            assertThatThrownBy(() -> schemas.createSchema("orders", "shop@Order", "OpenApi3", OPEN_API, "d"))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
            schemas.createRegistry("orders", "test");
            assertThat(schemas.registryExists("orders")).isTrue();
            assertThatThrownBy(() -> schemas.createRegistry("orders", "again"))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConflictException"));
            assertThat(schemas.describeSchema("orders", "shop@Order", null)).isNull();

            SchemasClient.SchemaVersion first = schemas.createSchema("orders", "shop@Order", "OpenApi3", OPEN_API, "d");
            assertThat(first.version()).isEqualTo("1");
            assertThatThrownBy(() -> schemas.createSchema("orders", "shop@Order", "OpenApi3", OPEN_API, "d"))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409));
            String v2 = OPEN_API.replace("\"id\":", "\"coupon\":{\"type\":\"string\"},\"id\":");
            assertThat(schemas.updateSchema("orders", "shop@Order", "OpenApi3", v2, "d")
                            .version())
                    .isEqualTo("2");
            assertThat(schemas.describeSchema("orders", "shop@Order", null).content())
                    .isEqualTo(v2);
            assertThat(schemas.describeSchema("orders", "shop@Order", "1").content())
                    .isEqualTo(OPEN_API);
            assertThat(schemas.listSchemaVersions("orders", "shop@Order")).containsExactly("1", "2");
            assertThat(schemas.listSchemas("orders", "shop")).containsExactly("shop@Order");
            assertThat(schemas.listSchemas("orders", "other")).isEmpty();

            // AWS exports as JSON Schema draft 4: the envelope at the root, components as definitions
            String exported = schemas.exportSchema("orders", "shop@Order", "1", "JSONSchemaDraft4")
                    .content();
            assertThat(exported)
                    .contains("\"$schema\":\"http://json-schema.org/draft-04/schema#\"")
                    .contains("\"$ref\":\"#/definitions/Order\"")
                    .contains("\"type\":[\"string\",\"null\"]")
                    .doesNotContain("nullable")
                    .doesNotContain("components");
        }
    }

    @Test
    void contentTheServiceWouldRefuseIsRefused() {
        try (AwsClientFactory aws = aws(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY);
                SchemasClient schemas = client(aws)) {
            schemas.createRegistry("strict", null);
            for (String[] bad : new String[][] {
                {"Avro", "{}"},
                {"OpenApi3", "not json"},
                {"OpenApi3", "[1]"},
                {"OpenApi3", "{\"swagger\":\"2.0\"}"},
                {"JSONSchemaDraft4", "{\"x\":\"" + "y".repeat(100_001) + "\"}"}
            }) {
                assertThatThrownBy(() -> schemas.createSchema("strict", "s", bad[0], bad[1], null))
                        .as(bad[0] + " " + bad[1].length())
                        .isInstanceOfSatisfying(
                                AwsServiceException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadRequestException"));
            }
            assertThatThrownBy(() -> schemas.updateSchema("strict", "missing", "JSONSchemaDraft4", "{}", null))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void anUnavailableRegistryAnswers503AndAnIdentityPolicyCanRefuseWrites() {
        try (AwsClientFactory aws = aws(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY);
                SchemasClient schemas = client(aws)) {
            local.faults().schemasUnavailable(true);
            assertThatThrownBy(() -> schemas.registryExists("r"))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(AwsErrorClassifier.classify(e)).isEqualTo(FailureKind.RETRYABLE);
                    });
            local.faults().schemasUnavailable(false);
            schemas.createRegistry("r", null);
            local.iam()
                    .identityPolicy(
                            LocalEventBridge.ACCESS_KEY,
                            "{\"Version\":\"2012-10-17\",\"Statement\":"
                                    + "[{\"Effect\":\"Allow\",\"Action\":[\"schemas:DescribeSchema\",\"schemas:DescribeRegistry\"],"
                                    + "\"Resource\":\"*\"}]}");
            assertThat(schemas.registryExists("r")).isTrue();
            assertThatThrownBy(() -> schemas.createSchema("r", "s", "JSONSchemaDraft4", "{}", null))
                    .isInstanceOfSatisfying(
                            AwsServiceException.class,
                            e -> assertThat(e.getMessage()).contains("schemas:CreateSchema"));
        }
    }
}
