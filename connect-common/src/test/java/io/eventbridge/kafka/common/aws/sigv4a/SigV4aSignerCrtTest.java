package io.eventbridge.kafka.common.aws.sigv4a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.crt.auth.credentials.Credentials;
import software.amazon.awssdk.crt.auth.signing.AwsSigningConfig;
import software.amazon.awssdk.crt.auth.signing.AwsSigningUtils;
import software.amazon.awssdk.crt.cal.EccKeyPair;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;
import software.amazon.awssdk.crt.http.HttpRequestBodyStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The plain-Java SigV4a signer checked by the AWS Common Runtime's verifier (aws-crt, test scope): for each request
 * of a corpus the CRT builds its own canonical request from the signed request, requires it to equal ours, and
 * verifies our ECDSA signature of the string to sign with the public key of the credentials. The CRT also derives
 * the key pair from the credentials itself: a signature by its key must verify with ours.
 */
class SigV4aSignerCrtTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    private static final AwsCredentialsIdentity KEYS =
            AwsCredentialsIdentity.create("AKIDLOCAL0000000001", "local/secret+key/For/Signing0000000000");
    private static final Pattern SIGNATURE = Pattern.compile(".*, Signature=([0-9a-f]+)$");

    /** What signing adds to a request; the CRT refuses to verify a request that has them already. */
    private static final Set<String> ADDED_BY_SIGNING =
            Set.of("authorization", "x-amz-date", "x-amz-region-set", "x-amz-security-token");

    @Test
    void aPutEventsRequestWithAnEmptyBody() {
        SdkHttpRequest request = post("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
                .putHeader("User-Agent", "aws-sdk-java/2.51.3")
                .build();
        assertCrtVerifies(request, new byte[0], KEYS, "*");
    }

    @Test
    void aJsonBodyAndARegionSetOfSeveralRegions() {
        SdkHttpRequest request = post("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
                .build();
        byte[] body =
                "{\"Entries\":[{\"Source\":\"app\",\"DetailType\":\"t\",\"Detail\":\"{}\"}],\"EndpointId\":\"abcde.veo\"}"
                        .getBytes(StandardCharsets.UTF_8);
        assertCrtVerifies(request, body, KEYS, "us-east-1,eu-west-1");
    }

    /**
     * Characters of the Basic Multilingual Plane only: the CRT's Java binding hands the expected canonical request to
     * native code as modified UTF-8 (JNI), which writes a character outside it (an emoji) as two 3-byte surrogates
     * instead of its 4 UTF-8 bytes, so no canonical request holding one can match there. The local endpoint's own
     * verifier checks such a header ({@code SigV4aVerifierTest}).
     */
    @Test
    void unicodeHeaderValuesWithRunsOfSpaces() {
        SdkHttpRequest request = post("/")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
                .putHeader("X-Amz-Meta-Owner", "  Zoë   Ångström  東京 ")
                .appendHeader("X-Multi", "one")
                .appendHeader("X-Multi", " two  words ")
                .build();
        assertCrtVerifies(request, "{}".getBytes(StandardCharsets.UTF_8), KEYS, "*");
    }

    @Test
    void queryStringsWithRepeatedEmptyReservedAndUnicodeParametersAndAnEncodedPath() {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host("schemas.us-east-1.amazonaws.com")
                .encodedPath("/v1/registries/name/my%20registry/schemas/name/a~b%3Ac")
                .appendRawQueryParameter("nextToken", "abc/def+ghi=")
                .appendRawQueryParameter("limit", "10")
                .appendRawQueryParameter("a", "2")
                .appendRawQueryParameter("a", "1")
                .appendRawQueryParameter("empty", "")
                .appendRawQueryParameter("k\u00e9y", "v\u00e0l*ue")
                .build();
        assertCrtVerifies(request, new byte[0], KEYS, "*");
    }

    @Test
    void aSessionTokenIsSignedAsXAmzSecurityToken() {
        AwsCredentialsIdentity session = AwsSessionCredentialsIdentity.create(
                KEYS.accessKeyId(), KEYS.secretAccessKey(), "FwoGZXIvYXdzEXAMPLE//token==");
        SdkHttpRequest request =
                post("/").putHeader("X-Amz-Target", "AWSEvents.PutEvents").build();
        SdkHttpRequest signed = assertCrtVerifies(request, "{}".getBytes(StandardCharsets.UTF_8), session, "*");
        assertThat(signed.firstMatchingHeader("X-Amz-Security-Token")).contains("FwoGZXIvYXdzEXAMPLE//token==");
    }

    @Test
    void aChunkedPayloadSignedAsynchronouslyFromSeveralBuffersWithoutAContentLength() throws Exception {
        SdkHttpRequest request = post("/")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
                .putHeader("Transfer-Encoding", "chunked")
                .build();
        List<byte[]> chunks = List.of(
                "{\"Entries\":[".getBytes(StandardCharsets.UTF_8),
                "{\"Detail\":\"{\\\"n\\\":1}\"}".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "]}".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        chunks.forEach(whole::writeBytes);
        AsyncRequestBody body = AsyncRequestBody.fromPublisher(buffers(chunks));
        SdkHttpRequest signed = new SigV4aSigner()
                .signAsync(AsyncSignRequest.builder(KEYS)
                        .request(request)
                        .payload(body)
                        .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, "events")
                        .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create("*"))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                        .build())
                .get()
                .request();
        assertThat(signed.firstMatchingHeader("Content-Length")).isEmpty();
        verify(signed, whole.toByteArray(), KEYS, "*");
    }

    @Test
    void aTamperedBodyOrHeaderFailsTheCrtVerifier() {
        SdkHttpRequest request =
                post("/").putHeader("X-Amz-Target", "AWSEvents.PutEvents").build();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = sign(request, body, KEYS, "*");
        // the canonical request the CRT builds from the changed request is the expected one: only the signature fails
        byte[] other = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> crtVerifies(signed, other, KEYS, "*", ours(signed, "{\"a\":2}")))
                .as("another body")
                .hasMessageContaining("AWS_AUTH_SIGV4A_SIGNATURE_VALIDATION_FAILURE");
        SdkHttpRequest otherTarget = signed.toBuilder()
                .putHeader("X-Amz-Target", "AWSEvents.PutRule")
                .build();
        assertThatThrownBy(() -> crtVerifies(otherTarget, body, KEYS, "*", ours(otherTarget, "{\"a\":1}")))
                .as("another signed header")
                .hasMessageContaining("AWS_AUTH_SIGV4A_SIGNATURE_VALIDATION_FAILURE");
        assertThat(crtVerifies(signed, body, KEYS, "*", ours(signed, "{\"a\":1}")))
                .as("the request as signed")
                .isTrue();
    }

    @Test
    void theCrtDerivesTheSameKeyPairFromTheCredentials() throws Exception {
        byte[] message = "string to sign".getBytes(StandardCharsets.UTF_8);
        byte[] crtSignature;
        try (EccKeyPair crtKey =
                EccKeyPair.newDeriveFromCredentials(crt(KEYS), EccKeyPair.AwsEccCurve.AWS_ECDSA_P256)) {
            crtSignature = crtKey.signMessage(SigV4aSigner.sha256(message));
        }
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(SigV4aKeys.publicKey(KEYS.accessKeyId(), KEYS.secretAccessKey()));
        verify.update(message);
        assertThat(verify.verify(crtSignature)).isTrue();
    }

    private static SdkHttpRequest.Builder post(String path) {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("https")
                .host("abcde.veo.endpoint.events.amazonaws.com")
                .encodedPath(path);
    }

    private static SdkHttpRequest assertCrtVerifies(
            SdkHttpRequest request, byte[] body, AwsCredentialsIdentity keys, String regionSet) {
        SdkHttpRequest signed = sign(request, body, keys, regionSet);
        verify(signed, body, keys, regionSet);
        return signed;
    }

    private static void verify(SdkHttpRequest signed, byte[] body, AwsCredentialsIdentity keys, String regionSet) {
        String ours = ours(signed, new String(body, StandardCharsets.UTF_8));
        assertThat(crtVerifies(signed, body, keys, regionSet, ours))
                .as("the CRT verifies\n%s", ours)
                .isTrue();
    }

    private static SdkHttpRequest sign(
            SdkHttpRequest request, byte[] body, AwsCredentialsIdentity keys, String regionSet) {
        return new SigV4aSigner()
                .sign(SignRequest.builder(keys)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, "events")
                        .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create(regionSet))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                        .build())
                .request();
    }

    /** Our signer's canonical request of a signed request. */
    private static String ours(SdkHttpRequest signed, String body) {
        SdkHttpRequest unsigned =
                signed.toBuilder().removeHeader("Authorization").build();
        TreeMap<String, String> headers = SigV4aSigner.canonicalHeaders(unsigned);
        return SigV4aSigner.canonicalRequest(
                unsigned, headers, SigV4aSigner.hex(SigV4aSigner.sha256(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean crtVerifies(
            SdkHttpRequest signed, byte[] body, AwsCredentialsIdentity keys, String regionSet, String canonical) {
        Matcher m =
                SIGNATURE.matcher(signed.firstMatchingHeader("Authorization").orElseThrow());
        assertThat(m.matches()).isTrue();
        List<HttpHeader> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> { // the CRT adds the signing headers itself, from the config
            if (!ADDED_BY_SIGNING.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> headers.add(new HttpHeader(name, v)));
            }
        });
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(new HttpHeader("Host", signed.host()));
        }
        String pathAndQuery = signed.encodedPath()
                + (signed.getUri().getRawQuery() == null
                        ? ""
                        : "?" + signed.getUri().getRawQuery());
        HttpRequest crtRequest = new HttpRequest(
                signed.method().name(), pathAndQuery, headers.toArray(new HttpHeader[0]), bodyStream(body));
        try (AwsSigningConfig config = new AwsSigningConfig()) {
            config.setAlgorithm(AwsSigningConfig.AwsSigningAlgorithm.SIGV4_ASYMMETRIC);
            config.setSignatureType(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS);
            config.setRegion(RegionSet.create(regionSet).asString()); // the SDK's region set sorts its regions
            config.setService("events");
            config.setTime(NOW.toEpochMilli());
            config.setCredentials(crt(keys));
            config.setUseDoubleUriEncode(true);
            config.setShouldNormalizeUriPath(true);
            config.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.NONE);
            config.setShouldSignHeader(name -> !SigV4aSigner.UNSIGNED.contains(name.toLowerCase(Locale.ROOT)));
            ECPublicKey key = SigV4aKeys.publicKey(keys.accessKeyId(), keys.secretAccessKey());
            return AwsSigningUtils.verifySigv4aEcdsaSignature(
                    crtRequest,
                    canonical,
                    config,
                    m.group(1).getBytes(StandardCharsets.US_ASCII),
                    hex64(key.getW().getAffineX()),
                    hex64(key.getW().getAffineY()));
        }
    }

    private static Credentials crt(AwsCredentialsIdentity keys) {
        byte[] token = keys instanceof AwsSessionCredentialsIdentity s
                ? s.sessionToken().getBytes(StandardCharsets.UTF_8)
                : null;
        return new Credentials(
                keys.accessKeyId().getBytes(StandardCharsets.UTF_8),
                keys.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                token);
    }

    private static HttpRequestBodyStream bodyStream(byte[] body) {
        ByteBuffer remaining = ByteBuffer.wrap(body);
        return new HttpRequestBodyStream() {
            @Override
            public boolean sendRequestBody(ByteBuffer out) {
                while (out.hasRemaining() && remaining.hasRemaining()) {
                    out.put(remaining.get());
                }
                return !remaining.hasRemaining();
            }

            @Override
            public boolean resetPosition() {
                remaining.rewind();
                return true;
            }

            @Override
            public long getLength() {
                return body.length;
            }
        };
    }

    /** A publisher of one buffer per chunk, each sent when asked for, as an HTTP client streams a chunked body. */
    private static org.reactivestreams.Publisher<ByteBuffer> buffers(List<byte[]> chunks) {
        return subscriber -> subscriber.onSubscribe(new org.reactivestreams.Subscription() {
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && next < chunks.size(); i++) {
                    subscriber.onNext(ByteBuffer.wrap(chunks.get(next++)));
                }
                if (next == chunks.size() && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }

    private static String hex64(java.math.BigInteger n) {
        String hex = n.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
