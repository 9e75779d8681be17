package io.eventbridge.kafka.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class AwsClientFactoryTest {
    /** A custom provider as users write them: no-arg constructor, configured with the connector's properties. */
    public static class TenantProvider implements AwsCredentialsProvider, Configurable {
        private String tenant;

        @Override
        public void configure(Map<String, ?> configs) {
            tenant = (String) configs.get("tenant");
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("AKID-" + tenant, "secret");
        }
    }

    private static AwsClientSettings settings(
            String provider, String accessKey, String token, Map<String, String> originals) {
        return new AwsClientSettings(
                "eu-west-1",
                null,
                null,
                null,
                "s",
                null,
                null,
                provider,
                accessKey,
                accessKey == null ? null : "secret",
                token,
                1000,
                1000,
                originals);
    }

    @Test
    void customProviderClassIsCreatedAndConfiguredWithTheConnectorProperties() {
        try (AwsClientFactory factory =
                new AwsClientFactory(settings(TenantProvider.class.getName(), null, null, Map.of("tenant", "acme")))) {
            assertThat(factory.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKID-acme");
        }
    }

    @Test
    void aProviderClassThatIsNotAProviderFailsWithAClearMessage() {
        assertThatThrownBy(() -> new AwsClientFactory(settings(String.class.getName(), null, null, Map.of())))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("does not implement");
        assertThatThrownBy(() -> new AwsClientFactory(settings("com.example.Missing", null, null, Map.of())))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("plugin's class path");
    }

    @Test
    void staticKeysWithASessionTokenGiveSessionCredentials() {
        try (AwsClientFactory factory = new AwsClientFactory(settings(null, "AKID", "token", Map.of()))) {
            assertThat(factory.credentials().resolveCredentials()).isInstanceOf(AwsSessionCredentials.class);
        }
    }

    @Test
    void aNamedProfileIsReadFromTheSharedCredentialsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("credentials");
        java.nio.file.Files.writeString(
                file,
                "[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key=d\n"
                        + "[orders-sink]\naws_access_key_id=AKIDORDERS\naws_secret_access_key=o\n");
        String previous = System.setProperty("aws.sharedCredentialsFile", file.toString());
        try (AwsClientFactory factory = new AwsClientFactory(new AwsClientSettings(
                "eu-west-1",
                null,
                null,
                null,
                "s",
                null,
                "orders-sink",
                null,
                null,
                null,
                null,
                1000,
                1000,
                Map.of()))) {
            assertThat(factory.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDORDERS");
        } finally {
            if (previous == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previous);
            }
        }
    }

    @Test
    void settingsNeverPrintSecrets() {
        assertThat(settings(null, "AKIDSECRETLOOKING", "tok", Map.of()).toString())
                .doesNotContain("AKIDSECRETLOOKING", "secret", "tok")
                .contains("staticKeys=yes");
    }
}
