package io.eventbridge.kafka.common.aws;

import io.eventbridge.kafka.common.aws.sigv4a.SigV4aAuthScheme;
import io.eventbridge.kafka.common.config.Version;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds AWS clients the same way for every connector: region, endpoint override, credentials,
 * timeouts, the suite's user agent, SigV4a signing for global endpoints, and <b>no SDK retries</b>, so that the shared
 * {@link io.eventbridge.kafka.common.retry.RetryPolicy} is the only thing that retries and attempts
 * are never multiplied.
 *
 * <p>Credentials, first match wins: custom provider class, static keys, named profile, the default
 * chain. With a role ARN, those are the base credentials of an STS AssumeRole whose ExternalId and
 * RoleSessionName are both sent, refreshed in the background before expiry.
 */
public final class AwsClientFactory implements AutoCloseable {
    public static final String USER_AGENT = "kafka-connect-eventbridge/" + Version.get();

    private static final Logger log = LoggerFactory.getLogger(AwsClientFactory.class);

    private final AwsClientSettings settings;
    private final AwsCredentialsProvider credentials;
    private StsClient stsClient;

    public AwsClientFactory(AwsClientSettings settings) {
        this.settings = settings;
        this.credentials = buildCredentials();
        log.info("AWS client settings: {}", settings);
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Region region() {
        return Region.of(settings.region());
    }

    /** Applies region, endpoint, credentials and the override configuration to a client builder. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpointOverride) {
        builder.region(region())
                .credentialsProvider(credentials)
                .overrideConfiguration(overrideConfiguration())
                // SigV4a (EventBridge global endpoints) in plain Java: the SDK's own needs the CRT module
                .putAuthScheme(new SigV4aAuthScheme());
        String endpoint = endpointOverride != null ? endpointOverride : settings.endpointUri();
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    public ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs()))
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT)
                .build();
    }

    /**
     * A blocking HTTP client with {@code maxConnections} connections, for callers that have a thread per
     * request anyway (long-polling loops). It costs less CPU per call than the non-blocking one.
     *
     * @param extraReadTimeoutMs added to the attempt timeout for reading a response: the server-side wait of a
     *     long poll
     */
    public SdkHttpClient syncHttpClient(int maxConnections, long extraReadTimeoutMs) {
        return ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofMillis(settings.connectionTimeoutMs()))
                .connectionAcquisitionTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs()))
                .socketTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs() + extraReadTimeoutMs))
                .build();
    }

    /** A non-blocking HTTP client with room for {@code maxConcurrency} requests at once. */
    public SdkAsyncHttpClient asyncHttpClient(int maxConcurrency) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(maxConcurrency)
                .maxPendingConnectionAcquires(Math.max(10_000, maxConcurrency * 4))
                .connectionTimeout(Duration.ofMillis(settings.connectionTimeoutMs()))
                .connectionAcquisitionTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs()))
                .readTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs()))
                .writeTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs()))
                .build();
    }

    private AwsCredentialsProvider buildCredentials() {
        AwsCredentialsProvider base = baseCredentials();
        if (settings.roleArn() == null) {
            return base;
        }
        StsClientBuilder sts = StsClient.builder()
                .region(region())
                .credentialsProvider(base)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(settings.connectionTimeoutMs()))
                        .socketTimeout(Duration.ofMillis(settings.apiCallAttemptTimeoutMs())))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT)
                        .build());
        if (settings.stsEndpointUri() != null) {
            sts.endpointOverride(URI.create(settings.stsEndpointUri()));
        }
        stsClient = sts.build();
        AssumeRoleRequest.Builder request =
                AssumeRoleRequest.builder().roleArn(settings.roleArn()).roleSessionName(settings.sessionName());
        if (settings.externalId() != null) {
            request.externalId(settings.externalId());
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient)
                .refreshRequest(request.build())
                .asyncCredentialUpdateEnabled(true)
                .build();
    }

    private AwsCredentialsProvider baseCredentials() {
        if (settings.providerClass() != null) {
            return customProvider(settings.providerClass());
        }
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    settings.sessionToken() == null
                            ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                            : AwsSessionCredentials.create(
                                    settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
        }
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.builder()
                    .profileName(settings.profile())
                    .build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private AwsCredentialsProvider customProvider(String className) {
        try {
            Class<?> type = Class.forName(className, true, AwsClientFactory.class.getClassLoader());
            if (!AwsCredentialsProvider.class.isAssignableFrom(type)) {
                throw new ConnectException(className + " does not implement " + AwsCredentialsProvider.class.getName());
            }
            Object provider = type.getDeclaredConstructor().newInstance();
            if (provider instanceof Configurable configurable) {
                configurable.configure(settings.originals());
            }
            return (AwsCredentialsProvider) provider;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException(
                    "Cannot create credentials provider " + className
                            + ": it must be on the plugin's class path and have a public no-arg constructor",
                    e);
        }
    }

    @Override
    public void close() {
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing credentials provider failed", e);
            }
        }
        if (stsClient != null) {
            stsClient.close();
        }
    }
}
