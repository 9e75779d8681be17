package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.aws.sigv4a.SigV4aSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The local endpoint's SigV4a verification, against requests signed by the connectors' signer. */
class SigV4aVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");
    private static final String SECRET = "local-secret-key/0123456789+abcdefghij";
    private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDLOCALVERIFIER", SECRET);
    private static final byte[] BODY =
            "{\"Entries\":[{\"Detail\":\"{}\"}],\"EndpointId\":\"abcde.veo\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPutEventsSignedByTheConnectorsSignerVerifies() {
        SdkHttpRequest signed = sign(putEvents().build(), BODY, NOW);
        assertThat(refusal(signed, BODY, SECRET, NOW)).isNull();
    }

    @Test
    void anEncodedPathAQueryStringAndUnicodeHeadersVerify() {
        SdkHttpRequest request = putEvents()
                .encodedPath("/v1/a%20b/c~d")
                .appendRawQueryParameter("b", "2")
                .appendRawQueryParameter("a", "x y/z")
                .appendRawQueryParameter("a", "")
                .putHeader("X-Note", "  Zoë   東京 ")
                .putHeader("X-Emoji", "rocket 🚀  launch")
                .build();
        SdkHttpRequest signed = sign(request, new byte[0], NOW);
        assertThat(refusal(signed, new byte[0], SECRET, NOW)).isNull();
    }

    @Test
    void anotherBodyAnotherSignedHeaderOrAnotherSecretDoesNotVerify() {
        SdkHttpRequest signed = sign(putEvents().build(), BODY, NOW);
        byte[] other = "{\"Entries\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(signed, other, SECRET, NOW)).isEqualTo(SigV4aVerifier.MISMATCH);
        SdkHttpRequest retargeted = signed.toBuilder()
                .putHeader("X-Amz-Target", "AWSEvents.DeleteRule")
                .build();
        assertThat(refusal(retargeted, BODY, SECRET, NOW)).isEqualTo(SigV4aVerifier.MISMATCH);
        assertThat(refusal(signed, BODY, SECRET + "x", NOW)).isEqualTo(SigV4aVerifier.MISMATCH);
    }

    @Test
    void anUnsignedHeaderMayChangeOnTheWay() {
        SdkHttpRequest signed = sign(putEvents().build(), BODY, NOW);
        SdkHttpRequest proxied =
                signed.toBuilder().putHeader("User-Agent", "a proxy").build();
        assertThat(refusal(proxied, BODY, SECRET, NOW)).isNull();
    }

    @Test
    void aSignatureMoreThanFifteenMinutesOldIsExpired() {
        SdkHttpRequest signed = sign(putEvents().build(), BODY, NOW.minus(Duration.ofMinutes(16)));
        assertThat(refusal(signed, BODY, SECRET, NOW)).startsWith("Signature expired");
        assertThat(refusal(signed, BODY, SECRET, NOW.minus(Duration.ofMinutes(2))))
                .isNull();
    }

    @Test
    void aPayloadHashHeaderThatIsNotTheBodysIsRefused() {
        SdkHttpRequest signed = sign(
                putEvents().putHeader("x-amz-content-sha256", "0".repeat(64)).build(), BODY, NOW);
        assertThat(refusal(signed, BODY, SECRET, NOW)).contains("x-amz-content-sha256");
    }

    private static SdkHttpRequest.Builder putEvents() {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("http")
                .host("127.0.0.1")
                .port(4566)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
                .putHeader("User-Agent", "aws-sdk-java");
    }

    private static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, Instant at) {
        return new SigV4aSigner()
                .sign(SignRequest.builder(KEYS)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, "events")
                        .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create("*"))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                        .build())
                .request();
    }

    /** The request as the local endpoint's HTTP server hands it over: raw path and query, and every header. */
    private static String refusal(SdkHttpRequest signed, byte[] body, String secret, Instant now) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        headers.put("Host", List.of(signed.host() + ":" + signed.port()));
        return SigV4aVerifier.refusal(
                signed.method().name(),
                signed.getUri().getRawPath(),
                signed.getUri().getRawQuery(),
                headers,
                body,
                secret,
                now);
    }
}
