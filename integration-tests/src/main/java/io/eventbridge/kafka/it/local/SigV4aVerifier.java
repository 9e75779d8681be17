package io.eventbridge.kafka.it.local;

import io.eventbridge.kafka.common.aws.sigv4a.SigV4aKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a SigV4a ({@code AWS4-ECDSA-P256-SHA256}) header signature as AWS does: it builds the canonical request
 * from the request as it arrived (its own code, not the connectors' signer), the string to sign from it, and checks
 * the ECDSA signature with the public key of the caller's credentials. It refuses a signature older or newer than 15
 * minutes, a payload hash header that is not the body's, and a signature that does not verify.
 */
final class SigV4aVerifier {
    static final String ALGORITHM = "AWS4-ECDSA-P256-SHA256";
    private static final Pattern AUTH = Pattern.compile(ALGORITHM + " Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/"
            + "aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]+)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration SKEW = Duration.ofMinutes(15);
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private SigV4aVerifier() {}

    /**
     * Why the signature is refused, or null when it verifies.
     *
     * @param headers every header as it arrived, names in any case
     */
    static String refusal(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String secretAccessKey,
            Instant now) {
        Matcher auth = AUTH.matcher(String.valueOf(header(headers, "authorization")));
        if (!auth.matches()) {
            return "Authorization header is not a SigV4a signature";
        }
        String amzDate = header(headers, "x-amz-date");
        if (amzDate == null) {
            return "Signed requests need an X-Amz-Date header";
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return "X-Amz-Date " + amzDate + " is not yyyyMMddTHHmmssZ";
        }
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            return "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(SKEW).atOffset(ZoneOffset.UTC)) + " or later than "
                    + AMZ_DATE.format(now.plus(SKEW).atOffset(ZoneOffset.UTC));
        }
        if (!amzDate.startsWith(auth.group(2))) {
            return "Credential date " + auth.group(2) + " does not match X-Amz-Date " + amzDate;
        }
        String payloadHash = hex(sha256(body));
        String declared = header(headers, "x-amz-content-sha256");
        if (declared != null && !declared.equals(payloadHash)) {
            return "The provided 'x-amz-content-sha256' header does not match what was computed.";
        }
        StringBuilder canonical = new StringBuilder()
                .append(method)
                .append('\n')
                .append(canonicalPath(rawPath))
                .append('\n')
                .append(canonicalQuery(rawQuery))
                .append('\n');
        String signedHeaders = auth.group(4);
        for (String name : signedHeaders.split(";")) {
            List<String> values = values(headers, name);
            if (values.isEmpty()) {
                return "Signed header " + name + " is not in the request";
            }
            List<String> folded = new ArrayList<>();
            for (String v : values) {
                folded.add(v.trim().replaceAll(" +", " "));
            }
            canonical.append(name).append(':').append(String.join(",", folded)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String scope = auth.group(2) + "/" + auth.group(3) + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(SigV4aKeys.publicKey(auth.group(1), secretAccessKey));
            ecdsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return ecdsa.verify(HexFormat.of().parseHex(auth.group(5))) ? null : MISMATCH;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return MISMATCH;
        }
    }

    /** Each segment of the path as it arrived, percent-encoded once more (every service but S3). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i].getBytes(StandardCharsets.UTF_8)));
        }
        return out.charAt(0) == '/' ? out.toString() : "/" + out;
    }

    /** Each name and value decoded, then encoded as RFC 3986 asks, sorted by name and then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
        return String.join("&", joined);
    }

    private static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Percent-decoding to bytes ('+' stays '+': a query's spaces are %20 in SigV4). */
    private static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                out.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    private static String header(Map<String, List<String>> headers, String name) {
        List<String> values = values(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
