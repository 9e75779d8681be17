package io.eventbridge.kafka.common.aws.sigv4a;

import software.amazon.awssdk.http.auth.aws.scheme.AwsV4aAuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/** The SDK's {@code aws.auth#sigv4a} auth scheme, signing with {@link SigV4aSigner} instead of the CRT. */
public final class SigV4aAuthScheme implements AwsV4aAuthScheme {
    private final SigV4aSigner signer = new SigV4aSigner();

    @Override
    public String schemeId() {
        return SCHEME_ID;
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return providers.identityProvider(AwsCredentialsIdentity.class);
    }

    @Override
    public AwsV4aHttpSigner signer() {
        return signer;
    }
}
