package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The local STS hands out sessions of their own, which the endpoints refuse once expired, as AWS does. */
class StsSessionsIT extends LocalEndpointTest {
    @AfterEach
    void longSessions() {
        local.credentialLifetimeSeconds(0);
    }

    private static Credentials assumeRole() {
        return assumeRole(null);
    }

    private static Credentials assumeRole(Integer durationSeconds) {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(URI.create(local.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build()) {
            return sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/r")
                            .roleSessionName("s")
                            .durationSeconds(durationSeconds))
                    .credentials();
        }
    }

    private static void listBuses(AwsCredentialsProvider credentials) {
        try (EventBridgeClient client = EventBridgeClient.builder()
                .endpointOverride(URI.create(local.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .overrideConfiguration(
                        o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(credentials)
                .build()) {
            client.describeEventBus(b -> b.name("default"));
        }
    }

    @Test
    void eachSessionIsItsOwnAndIsRefusedOnceExpired() throws Exception {
        local.credentialLifetimeSeconds(1);
        Credentials first = assumeRole();
        Credentials second = assumeRole();
        assertThat(first.accessKeyId()).startsWith("ASIA").isNotEqualTo(second.accessKeyId());
        assertThat(first.expiration()).isBefore(Instant.now().plusSeconds(2));
        StaticCredentialsProvider session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(first.accessKeyId(), first.secretAccessKey(), first.sessionToken()));
        listBuses(session);

        Thread.sleep(1_100);
        long refusedBefore = local.iam().expiredSessionRefusals();
        assertThatThrownBy(() -> listBuses(session)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
            assertThat(e.statusCode()).isEqualTo(400);
        });
        assertThat(local.iam().expiredSessionRefusals()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aSessionLastsItsDurationSecondsWithinWhatAwsAllows() {
        Instant before = Instant.now();
        assertThat(assumeRole().expiration())
                .as("default 1 hour")
                .isBetween(before.plusSeconds(3599), before.plusSeconds(3602));
        assertThat(assumeRole(900).expiration()).isBetween(before.plusSeconds(899), before.plusSeconds(902));
        for (int refused : new int[] {899, 3601}) {
            assertThatThrownBy(() -> assumeRole(refused)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
        local.credentialLifetimeSeconds(5);
        assertThat(assumeRole(900).expiration())
                .as("a test's cap wins")
                .isBefore(Instant.now().plusSeconds(6));
    }

    @Test
    void aSessionKeyWithAnotherSessionsTokenIsRefused() {
        Credentials first = assumeRole();
        Credentials second = assumeRole();
        StaticCredentialsProvider mixed = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(first.accessKeyId(), first.secretAccessKey(), second.sessionToken()));
        assertThatThrownBy(() -> listBuses(mixed))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }
}
