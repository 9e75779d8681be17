package io.eventbridge.kafka.it.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a request is signed for the expected service: SigV4 ({@code AWS4-HMAC-SHA256}, scope
 * {@code <key>/<yyyymmdd>/<region>/<service>/aws4_request}, 64 hex digits) or SigV4a
 * ({@code AWS4-ECDSA-P256-SHA256}, region-less scope, a DER ECDSA signature and a signed
 * x-amz-region-set), with host and x-amz-date among the signed headers. A SigV4a signature is then verified by
 * {@link SigV4aVerifier} once the caller's secret is known; SigV4 (HMAC) signatures are not recomputed.
 */
final class SigV4Check {
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/"
            + "([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final Pattern AUTH_4A = Pattern.compile("AWS4-ECDSA-P256-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=(30[0-9a-f]{130,142})");

    private SigV4Check() {}

    /** Why the request is refused, or null when it is signed for {@code service}. */
    static String refusal(String authorization, String service) {
        if (authorization == null) {
            return "Request is missing Authentication Token";
        }
        Matcher m = AUTH.matcher(authorization);
        String scopeService;
        String signedHeaders;
        if (m.matches()) {
            scopeService = m.group(4);
            signedHeaders = m.group(5);
        } else {
            Matcher a = AUTH_4A.matcher(authorization);
            if (!a.matches()) {
                return "Authorization header is not a SigV4 or SigV4a signature";
            }
            scopeService = a.group(3);
            signedHeaders = a.group(4);
            if (!(";" + signedHeaders + ";").contains(";x-amz-region-set;")) {
                return "SigV4a requests must sign x-amz-region-set";
            }
        }
        if (!scopeService.equals(service)) {
            return "Credential should be scoped to correct service: '" + service + "'";
        }
        String signed = ";" + signedHeaders + ";";
        if (!signed.contains(";host;") || !signed.contains(";x-amz-date;")) {
            return "Signed headers must include host and x-amz-date";
        }
        return null;
    }

    /** The access key id an Authorization header names, or null. */
    static String accessKey(String authorization) {
        if (authorization == null) {
            return null;
        }
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return null;
        }
        int end = authorization.indexOf('/', start);
        return end < 0 ? null : authorization.substring(start + "Credential=".length(), end);
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
