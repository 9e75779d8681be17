package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event buses of every local account, by ARN, with their resource policies and tags, the partner event sources
 * that SaaS partners made for them, and the one access rule for all of them: a caller may act on its own account's
 * resources as its identity policy allows, and on another account's bus only where that bus's policy allows it too.
 */
final class Buses {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Bus {
        final String account;
        final String name;
        final String arn;
        volatile String policy;

        Bus(String account, String name, String arn) {
            this.account = account;
            this.name = name;
            this.arn = arn;
        }
    }

    /** A partner event source: made by the partner's account for a customer's account. */
    record PartnerSource(String name, String partnerAccount, String customerAccount) {}

    private final String region;
    private final LocalIam iam;
    private final Map<String, Bus> buses = new ConcurrentHashMap<>();
    private final Map<String, PartnerSource> partnerSources = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    Buses(String region, LocalIam iam) {
        this.region = region;
        this.iam = iam;
    }

    String arn(String account, String name) {
        return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
    }

    /** The ARN a name or ARN means for {@code callerAccount}: a bare name is a bus of the caller's own account. */
    String resolve(String callerAccount, String nameOrArn) {
        String value = nameOrArn == null || nameOrArn.isEmpty() ? "default" : nameOrArn;
        return value.startsWith("arn:") ? value : arn(callerAccount, value);
    }

    Bus get(String arn) {
        return buses.get(arn);
    }

    Bus create(String account, String name) {
        return buses.computeIfAbsent(arn(account, name), a -> new Bus(account, name, a));
    }

    Map<String, String> tags(String resourceArn) {
        return tags.computeIfAbsent(resourceArn, a -> new ConcurrentHashMap<>());
    }

    void untagAll(String resourceArn) {
        tags.remove(resourceArn);
    }

    void addPartnerSource(PartnerSource source) {
        partnerSources.put(source.name(), source);
    }

    PartnerSource partnerSource(String name) {
        return partnerSources.get(name);
    }

    /** Adds a PutPermission statement to the bus's policy (replacing one of the same id). */
    void addStatement(Bus bus, String statementId, String action, String principal, ObjectNode condition) {
        try {
            ObjectNode policy = bus.policy == null
                    ? JSON.createObjectNode().put("Version", "2012-10-17")
                    : (ObjectNode) JSON.readTree(bus.policy);
            ArrayNode statements =
                    policy.has("Statement") ? (ArrayNode) policy.get("Statement") : policy.putArray("Statement");
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (statementId.equals(statements.get(i).path("Sid").asText())) {
                    statements.remove(i);
                }
            }
            ObjectNode s = statements.addObject().put("Sid", statementId).put("Effect", "Allow");
            if (principal.equals("*")) {
                s.put("Principal", "*");
            } else {
                s.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
            }
            s.put("Action", action).put("Resource", bus.arn);
            if (condition != null) {
                s.set("Condition", condition);
            }
            bus.policy = policy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes one statement of the bus's policy; false when there is none of that id. */
    boolean removeStatement(Bus bus, String statementId) {
        if (bus.policy == null) {
            return false;
        }
        try {
            ObjectNode policy = (ObjectNode) JSON.readTree(bus.policy);
            ArrayNode statements = (ArrayNode) policy.path("Statement");
            boolean removed = false;
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (statementId.equals(statements.get(i).path("Sid").asText())) {
                    statements.remove(i);
                    removed = true;
                }
            }
            bus.policy = statements.isEmpty() ? null : policy.toString();
            return removed;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Why {@code caller} may not do {@code action} on {@code resource} of {@code bus}, or null when it may.
     *
     * @param creatorAccount the events:creatorAccount of the request (the account that made the rule, or makes it)
     */
    String refusal(LocalIam.Credentials caller, String action, String resource, Bus bus, String creatorAccount) {
        Map<String, String> context = new java.util.HashMap<>();
        context.put("aws:PrincipalAccount", caller.account());
        if (creatorAccount != null) {
            context.put("events:creatorAccount", creatorAccount);
        }
        String identity = iam.identityRefusal(caller, action, resource, context);
        if (identity != null) {
            return identity;
        }
        if (bus == null || bus.account.equals(caller.account())) {
            return null;
        }
        PolicyEvaluator.Decision d = PolicyEvaluator.evaluate(
                bus.policy, PolicyEvaluator.Principal.account(caller.account()), action, resource, context);
        return d == PolicyEvaluator.Decision.ALLOW
                ? null
                : PolicyEvaluator.refusal(LocalIam.callerArn(caller), action, resource, false);
    }

    void reset() {
        buses.values().forEach(b -> b.policy = null);
        partnerSources.clear();
        tags.clear();
    }

    /** EventBridge's answer for a bus that does not exist. */
    static AwsResponse missing(String busArn) {
        return AwsResponse.error(400, "ResourceNotFoundException", "Event bus " + busName(busArn) + " does not exist.");
    }

    static String busName(String nameOrArn) {
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }

    static String account(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }
}
