package io.eventbridge.kafka.common.aws.sigv4a;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Against AWS's SigV4a test suite ("get-vanilla", aws-signing-test-suite/v4a): credentials
 * AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, service "service", region set us-east-1,
 * 2015-08-30T12:36:00Z. The expected canonical request and derived public key are the suite's.
 */
class SigV4aSignerTest {
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String PUBLIC_X = "b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1";
    private static final String PUBLIC_Y = "865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518";
    private static final String CANONICAL_REQUEST = "GET\n/\n\nhost:example.amazonaws.com\n"
            + "x-amz-date:20150830T123600Z\nx-amz-region-set:us-east-1\n\nhost;x-amz-date;x-amz-region-set\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void derivesThePublishedKeyPairFromTheTestCredentials() throws Exception {
        var key = SigV4aKeys.derive(ACCESS_KEY, SECRET_KEY);
        // the public point of the derived key, checked by signing with it and verifying with the published point
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update("probe".getBytes(StandardCharsets.UTF_8));
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(publishedPublicKey());
        verify.update("probe".getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(sign.sign())).isTrue();
    }

    @Test
    void computesThePublishedPublicKeyOfTheTestCredentials() {
        var point = SigV4aKeys.publicKey(ACCESS_KEY, SECRET_KEY).getW();
        assertThat(point.getAffineX().toString(16)).isEqualTo(PUBLIC_X);
        assertThat(point.getAffineY().toString(16)).isEqualTo(PUBLIC_Y);
    }

    @Test
    void signsTheVanillaRequestAsTheSuiteSays() throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host("example.amazonaws.com")
                .encodedPath("/")
                .build();
        SignedRequest signed = new SigV4aSigner()
                .sign(SignRequest.builder(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                        .request(request)
                        .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, "service")
                        .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create("us-east-1"))
                        .putProperty(
                                HttpSigner.SIGNING_CLOCK,
                                Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC))
                        .build());
        SdkHttpRequest out = signed.request();
        assertThat(out.firstMatchingHeader("X-Amz-Date")).contains("20150830T123600Z");
        assertThat(out.firstMatchingHeader("X-Amz-Region-Set")).contains("us-east-1");
        assertThat(SigV4aSigner.canonicalRequest(
                        out.toBuilder().removeHeader("Authorization").build(),
                        SigV4aSigner.canonicalHeaders(
                                out.toBuilder().removeHeader("Authorization").build()),
                        SigV4aSigner.hex(SigV4aSigner.sha256(new byte[0]))))
                .isEqualTo(CANONICAL_REQUEST);

        Matcher auth = Pattern.compile("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=([0-9a-f]+)")
                .matcher(out.firstMatchingHeader("Authorization").orElseThrow());
        assertThat(auth.matches()).isTrue();
        String stringToSign = "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n"
                + SigV4aSigner.hex(SigV4aSigner.sha256(CANONICAL_REQUEST.getBytes(StandardCharsets.UTF_8)));
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(publishedPublicKey());
        verify.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(HexFormat.of().parseHex(auth.group(1)))).isTrue();
    }

    private static PublicKey publishedPublicKey() throws Exception {
        ECPoint point = new ECPoint(new BigInteger(PUBLIC_X, 16), new BigInteger(PUBLIC_Y, 16));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, SigV4aKeys.P256));
    }
}
