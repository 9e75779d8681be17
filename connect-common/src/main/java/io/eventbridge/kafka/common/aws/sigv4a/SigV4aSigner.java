package io.eventbridge.kafka.common.aws.sigv4a;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.BaseSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4a header signing in plain Java (JDK ECDSA P-256), for the AWS SDK's {@code aws.auth#sigv4a}
 * auth scheme, which EventBridge global endpoints use. It is SigV4's canonical request with an
 * {@code X-Amz-Region-Set} header, a region-less scope {@code <date>/<service>/aws4_request}, and an
 * ECDSA signature by the {@link SigV4aKeys key derived from the credentials}. The payload is signed
 * (its SHA-256 is in the canonical request); chunked and presigned requests are not supported.
 */
public final class SigV4aSigner implements AwsV4aHttpSigner {
    public static final String ALGORITHM = "AWS4-ECDSA-P256-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Headers that proxies or the HTTP client may change after signing. */
    static final Set<String> UNSIGNED = Set.of(
            "user-agent",
            "connection",
            "expect",
            "x-amzn-trace-id",
            "transfer-encoding",
            "content-length",
            "amz-sdk-invocation-id",
            "amz-sdk-request");

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        byte[] body = request.payload().map(SigV4aSigner::read).orElse(new byte[0]);
        return SignedRequest.builder()
                .request(signed(request, body))
                .payload(request.payload().orElse(null))
                .build();
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return collect(request.payload().orElse(null))
                .thenApply(body -> AsyncSignedRequest.builder()
                        .request(signed(request, body))
                        .payload(request.payload().isPresent() ? publisherOf(body) : null)
                        .build());
    }

    private static SdkHttpRequest signed(BaseSignRequest<?, ? extends AwsCredentialsIdentity> request, byte[] body) {
        Clock clock = request.hasProperty(SIGNING_CLOCK) ? request.property(SIGNING_CLOCK) : Clock.systemUTC();
        String service = request.requireProperty(SERVICE_SIGNING_NAME);
        RegionSet regionSet = request.requireProperty(REGION_SET);
        AwsCredentialsIdentity identity = request.identity();
        String amzDate = AMZ_DATE.format(clock.instant());
        SdkHttpRequest.Builder builder = request.request().toBuilder()
                .putHeader("X-Amz-Date", amzDate)
                .putHeader("X-Amz-Region-Set", regionSet.asString());
        if (identity instanceof AwsSessionCredentialsIdentity session) {
            builder.putHeader("X-Amz-Security-Token", session.sessionToken());
        }
        SdkHttpRequest unsigned = builder.build();
        TreeMap<String, String> headers = canonicalHeaders(unsigned);
        String signedHeaders = String.join(";", headers.keySet());
        String canonical = canonicalRequest(unsigned, headers, hex(sha256(body)));
        String scope = amzDate.substring(0, 8) + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = hex(ecdsa(identity, stringToSign));
        return unsigned.toBuilder()
                .putHeader(
                        "Authorization",
                        ALGORITHM + " Credential=" + identity.accessKeyId() + "/" + scope + ", SignedHeaders="
                                + signedHeaders + ", Signature=" + signature)
                .build();
    }

    /** Lower-case names, trimmed values with inner runs of spaces folded, sorted; host always included. */
    static TreeMap<String, String> canonicalHeaders(SdkHttpRequest request) {
        TreeMap<String, String> headers = new TreeMap<>();
        request.forEachHeader((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!UNSIGNED.contains(key)) {
                List<String> folded = new ArrayList<>();
                values.forEach(v -> folded.add(v.trim().replaceAll(" +", " ")));
                headers.put(key, String.join(",", folded));
            }
        });
        if (!headers.containsKey("host")) {
            int port = request.port();
            boolean defaultPort = port == -1
                    || port == 443 && "https".equals(request.protocol())
                    || port == 80 && "http".equals(request.protocol());
            headers.put("host", request.host() + (defaultPort ? "" : ":" + port));
        }
        return headers;
    }

    static String canonicalRequest(SdkHttpRequest request, TreeMap<String, String> headers, String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(request.method().name())
                .append('\n')
                .append(canonicalPath(request.encodedPath()))
                .append('\n')
                .append(canonicalQuery(request.rawQueryParameters()))
                .append('\n');
        headers.forEach((k, v) -> out.append(k).append(':').append(v).append('\n'));
        return out.append('\n')
                .append(String.join(";", headers.keySet()))
                .append('\n')
                .append(payloadHash)
                .toString();
    }

    /** The path as sent, encoded once more (SigV4's double encoding for every service but S3). */
    private static String canonicalPath(String encodedPath) {
        if (encodedPath == null || encodedPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : encodedPath.split("/", -1)) {
            if (out.length() > 0 || encodedPath.startsWith("/")) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        String path = out.toString().replaceFirst("^//", "/");
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String canonicalQuery(Map<String, List<String>> params) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        params.forEach((k, vs) -> sorted.put(
                encode(k),
                vs.stream().map(v -> v == null ? "" : encode(v)).sorted().toList()));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, vs) -> vs.forEach(v -> pairs.add(k + "=" + v)));
        return String.join("&", pairs);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] ecdsa(AwsCredentialsIdentity identity, String stringToSign) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(SigV4aKeys.privateKey(identity.accessKeyId(), identity.secretAccessKey()));
            ecdsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SigV4a signing failed", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] read(ContentStreamProvider payload) {
        try (InputStream in = payload.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<byte[]> collect(Publisher<ByteBuffer> payload) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (payload == null) {
            result.complete(new byte[0]);
            return result;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        payload.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(out.toByteArray());
            }
        });
        return result;
    }

    private static Publisher<ByteBuffer> publisherOf(byte[] body) {
        return software.amazon.awssdk.core.async.AsyncRequestBody.fromBytes(body);
    }
}
