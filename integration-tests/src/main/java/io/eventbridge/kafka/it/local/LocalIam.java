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
    /** Keys that STS AssumeRole hands out: they act in the default account. */
    static final String ASSUMED_ACCESS_KEY = "ASIALOCAL";

    /** An access key pair of one account. */
    public record Credentials(String accessKeyId, String secretAccessKey, String account) {
    }

    private final Map<String, Credentials> keys = new ConcurrentHashMap<>();
    private final Map<String, String> identityPolicies = new ConcurrentHashMap<>();

    LocalIam() {
        keys.put(LocalEventBridge.ACCESS_KEY, new Credentials(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY,
            DEFAULT_ACCOUNT));
        keys.put(ASSUMED_ACCESS_KEY, new Credentials(ASSUMED_ACCESS_KEY, "assumed-secret", DEFAULT_ACCOUNT));
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
            ? null : PolicyEvaluator.refusal(callerArn(caller), action, resource, true);
    }

    void reset() {
        identityPolicies.clear();
    }
}
