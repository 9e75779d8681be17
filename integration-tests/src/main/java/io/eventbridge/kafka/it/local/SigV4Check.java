package io.eventbridge.kafka.it.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a request is SigV4-signed for the expected service: the Authorization header names
 * the algorithm, a credential scope {@code <key>/<yyyymmdd>/<region>/<service>/aws4_request}, the
 * signed headers (host and x-amz-date at least) and a 64-hex-digit signature. The signature itself
 * is not recomputed.
 */
final class SigV4Check {
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/"
        + "([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");

    private SigV4Check() {
    }

    /** Why the request is refused, or null when it is signed for {@code service}. */
    static String refusal(String authorization, String service) {
        if (authorization == null) {
            return "Request is missing Authentication Token";
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.matches()) {
            return "Authorization header is not a SigV4 signature";
        }
        if (!m.group(4).equals(service)) {
            return "Credential should be scoped to correct service: '" + service + "'";
        }
        String signed = ";" + m.group(5) + ";";
        if (!signed.contains(";host;") || !signed.contains(";x-amz-date;")) {
            return "Signed headers must include host and x-amz-date";
        }
        return null;
    }

    /** The signing algorithm named by an Authorization header, or null. */
    static String algorithm(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }
}
