package io.eventbridge.kafka.source.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The policy of a queue the connector owns: one statement that allows {@code sqs:SendMessage} to the service
 * principal {@code events.amazonaws.com} only, on this queue only, and only with {@code aws:SourceArn} equal to one of
 * the connector's own rules. Without the condition any rule of any account could fill the queue. Also reads a
 * policy back, for the checks of subscription.mode=existing.
 */
public final class QueuePolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SERVICE = "events.amazonaws.com";

    private QueuePolicy() {}

    /** The policy document; rule ARNs sorted, so the same rules always give the same text. */
    public static String document(String connector, String queueArn, Collection<String> ruleArns) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement")
                .addObject()
                .put("Sid", "kafka-connect-eventbridge-" + connector.replaceAll("[^A-Za-z0-9]", ""))
                .put("Effect", "Allow");
        statement.putObject("Principal").put("Service", SERVICE);
        statement.put("Action", "sqs:SendMessage").put("Resource", queueArn);
        ArrayNode sources =
                statement.putObject("Condition").putObject("ArnEquals").putArray("aws:SourceArn");
        new TreeSet<>(ruleArns).forEach(sources::add);
        return policy.toString();
    }

    /** Whether two policy documents say the same (their JSON trees are equal), so an unchanged one is not rewritten. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What is wrong with a queue policy EventBridge is meant to send through, in words for a log; empty when nothing
     * is: no policy at all (EventBridge cannot deliver), or an Allow for events.amazonaws.com without an
     * aws:SourceArn condition (any rule of any account could send).
     */
    public static List<String> problems(String policy) {
        if (policy == null || policy.isBlank()) {
            return List.of("it has no policy, so EventBridge cannot deliver to it (every event goes to the rule "
                    + "target's dead-letter queue, or is dropped without one)");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (IOException e) {
            return List.of("its policy is not valid JSON");
        }
        boolean allowsEvents = false;
        for (JsonNode s : array(doc.path("Statement"))) {
            if (!"Allow".equals(s.path("Effect").asText()) || !mentionsEvents(s.path("Principal"))) {
                continue;
            }
            allowsEvents = true;
            if (!hasSourceArn(s.path("Condition"))) {
                return List.of("its policy lets " + SERVICE + " send without an aws:SourceArn condition, so any "
                        + "rule in any account can fill the queue");
            }
        }
        return allowsEvents
                ? List.of()
                : List.of(
                        "its policy does not allow " + SERVICE + " to send, so EventBridge " + "cannot deliver to it");
    }

    private static boolean mentionsEvents(JsonNode principal) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode p : array(principal.path("Service"))) {
            if (p.asText().equals(SERVICE)) {
                return true;
            }
        }
        for (JsonNode p : array(principal.path("AWS"))) {
            if (p.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSourceArn(JsonNode condition) {
        var operators = condition.properties().iterator();
        while (operators.hasNext()) {
            if (operators.next().getValue().has("aws:SourceArn")) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> array(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> out = new java.util.ArrayList<>();
            node.forEach(out::add);
            return out;
        }
        return node.isMissingNode() || node.isNull() ? List.of() : List.of(node);
    }
}
