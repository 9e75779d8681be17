package io.eventbridge.kafka.common.aws;

import java.util.Map;

/**
 * Everything needed to build one AWS client. Secrets stay out of {@link #toString()}.
 *
 * @param originals the connector's properties, handed to a Configurable custom credentials provider
 */
public record AwsClientSettings(
        String region,
        String endpointUri,
        String roleArn,
        String externalId,
        String sessionName,
        String stsEndpointUri,
        String profile,
        String providerClass,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        int apiCallAttemptTimeoutMs,
        int connectionTimeoutMs,
        Map<String, String> originals) {

    @Override
    public String toString() {
        return "AwsClientSettings{region=" + region + ", endpoint=" + endpointUri + ", role=" + roleArn
                + ", externalId=" + (externalId == null ? "none" : "set") + ", sessionName=" + sessionName
                + ", profile=" + profile + ", provider=" + providerClass
                + ", staticKeys=" + (accessKeyId == null ? "no" : "yes") + "}";
    }
}
