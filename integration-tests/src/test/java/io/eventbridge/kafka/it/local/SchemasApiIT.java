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
 * discoverers are listed across pages by source ARN prefix, and a refusal arrives as the service's error code,
 * classified as the shared classifier classifies the SDK's own.
 */
class SchemasApiIT extends LocalEndpointTest {
    private static SchemasClient client(AwsClientFactory aws) {
        return new SignedSchemasClient(aws, local.endpoint());
    }

    private static AwsClientFactory aws(String accessKey, String secret) {
        return new AwsClientFactory(new AwsClientSettings(LocalEventBridge.REGION, local.endpoint(), null, null, null,
            null, null, null, accessKey, secret, null, 10_000, 5_000, java.util.Map.of()));
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
        local.iam().identityPolicy(LocalEventBridge.ACCESS_KEY, "{\"Version\":\"2012-10-17\",\"Statement\":"
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
        try (AwsClientFactory aws = aws("AKIDUNKNOWN", "x"); SchemasClient schemas = client(aws)) {
            assertThatThrownBy(() -> schemas.listDiscoverers("arn:aws:events:"))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedException"));
        }
    }
}
