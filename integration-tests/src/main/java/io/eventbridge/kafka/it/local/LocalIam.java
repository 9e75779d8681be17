package io.eventbridge.kafka.it.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts and identities of the local stack. An access key belongs to one account; a request signed with a key
 * the stack does not know is refused as AWS refuses it. Each key may carry an identity policy: without one it may
 * do anything in its own account (an administrator), with one it may do only what the policy allows, so a test can
 * take a permission away. Shared by the local EventBridge and the local SQS.
 */
public final class LocalIam {
    /** The account of {@link LocalEventBridge#ACCESS_KEY}: the connectors' own account in the tests. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    /**
     * An access key pair of one account; a session's (from STS AssumeRole) also has its token and expiry, and AWS
     * refuses it once expired.
     */
    public record Credentials(
            String accessKeyId,
            String secretAccessKey,
            String account,
            String sessionToken,
            java.time.Instant expires) {
        Credentials(String accessKeyId, String secretAccessKey, String account) {
            this(accessKeyId, secretAccessKey, account, null, null);
        }
    }

    /** Why a request's credentials are refused although its key is known. */
    enum SessionRefusal {
        /** The session expired: AWS answers ExpiredToken(Exception), which the SDK's callers retry after refresh. */
        EXPIRED,
        /** The request's X-Amz-Security-Token is not the session's. */
        INVALID_TOKEN
    }

    private final Map<String, Credentials> keys = new ConcurrentHashMap<>();
    private final Map<String, String> identityPolicies = new ConcurrentHashMap<>();

    LocalIam() {
        keys.put(
                LocalEventBridge.ACCESS_KEY,
                new Credentials(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY, DEFAULT_ACCOUNT));
    }

    /** A new session of {@code account} for AssumeRole: its own key, secret and token, expiring after lifetime. */
    Credentials session(String account, java.time.Duration lifetime) {
        java.time.Instant now = java.time.Instant.now();
        // sessions expired for over an hour are forgotten (a request signed with one is then an unknown key)
        keys.values().removeIf(c -> c.expires() != null && c.expires().isBefore(now.minusSeconds(3600)));
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] id = new byte[8];
        random.nextBytes(id);
        String key = "ASIA" + java.util.HexFormat.of().withUpperCase().formatHex(id);
        Credentials session = new Credentials(
                key,
                "session-secret-" + java.util.UUID.randomUUID(),
                account,
                "session-token-" + java.util.UUID.randomUUID(),
                now.plus(lifetime));
        keys.put(key, session);
        return session;
    }

    /** Why a session's request is refused (expired, another token), or null: always null for long-term keys. */
    static SessionRefusal sessionRefusal(Credentials caller, String securityToken) {
        if (caller.sessionToken() == null) {
            return null;
        }
        if (!caller.sessionToken().equals(securityToken)) {
            return SessionRefusal.INVALID_TOKEN;
        }
        return java.time.Instant.now().isAfter(caller.expires()) ? SessionRefusal.EXPIRED : null;
    }

    /** Requests refused because their session had expired (every service). */
    private final java.util.concurrent.atomic.AtomicLong expiredRefusals = new java.util.concurrent.atomic.AtomicLong();

    void countExpired() {
        expiredRefusals.incrementAndGet();
    }

    public long expiredSessionRefusals() {
        return expiredRefusals.get();
    }

    /** The key pair of {@code account} (a 12-digit id), made on first use. */
    public Credentials account(String account) {
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("An account id has 12 digits: " + account);
        }
        if (account.equals(DEFAULT_ACCOUNT)) {
            return keys.get(LocalEventBridge.ACCESS_KEY);
        }
        String key = "AKIDLOCAL" + account;
        return keys.computeIfAbsent(key, k -> new Credentials(k, "local-secret-" + account, account));
    }

    /** Limits what {@code accessKeyId} may do to what {@code policy} allows; null lifts the limit. */
    public void identityPolicy(String accessKeyId, String policy) {
        if (policy == null) {
            identityPolicies.remove(accessKeyId);
        } else {
            if (!PolicyEvaluator.readable(policy)) {
                throw new IllegalArgumentException("not a policy document: " + policy);
            }
            identityPolicies.put(accessKeyId, policy);
        }
    }

    /** The key's credentials, or null for a key the stack does not know. */
    Credentials byAccessKey(String accessKeyId) {
        return accessKeyId == null ? null : keys.get(accessKeyId);
    }

    static String callerArn(Credentials caller) {
        return "arn:aws:iam::" + caller.account() + ":user/local-" + caller.accessKeyId();
    }

    /** Why the caller's own policy refuses the action, or null when it may. */
    String identityRefusal(Credentials caller, String action, String resource, Map<String, String> context) {
        String policy = identityPolicies.get(caller.accessKeyId());
        if (policy == null) {
            return null;
        }
        return PolicyEvaluator.evaluate(policy, null, action, resource, context) == PolicyEvaluator.Decision.ALLOW
                ? null
                : PolicyEvaluator.refusal(callerArn(caller), action, resource, true);
    }

    void reset() {
        identityPolicies.clear();
    }
}
