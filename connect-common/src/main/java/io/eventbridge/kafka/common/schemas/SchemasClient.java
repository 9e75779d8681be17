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

    /** ListDiscoverers for the sources whose ARN starts with {@code sourceArnPrefix}, every page. */
    List<Discoverer> listDiscoverers(String sourceArnPrefix);

    @Override
    void close();
}
