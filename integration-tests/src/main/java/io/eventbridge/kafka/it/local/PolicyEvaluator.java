package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local stack's own reading of AWS policy documents (identity policies, event bus policies, SQS queue
 * policies), with IAM's evaluation order: an explicit Deny wins, then an Allow, else nothing allows.
 * Statements match on Principal (account id, {@code arn:aws:iam::ACCOUNT:root}, a service, or {@code *}), Action
 * and Resource (with {@code *} and {@code ?}), and Condition with the string and ARN operators (and their
 * {@code IfExists} forms); policy variables such as {@code ${aws:PrincipalAccount}} are filled from the request's
 * context. A statement with an operator this reader does not know never applies.
 */
final class PolicyEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Decision {
        ALLOW,
        DENY,
        NONE
    }

    /** Who asks: an account ({@code AWS}) or a service principal ({@code Service}). */
    record Principal(String type, String id) {
        static Principal account(String account) {
            return new Principal("AWS", account);
        }

        static Principal service(String service) {
            return new Principal("Service", service);
        }
    }

    private PolicyEvaluator() {}

    /** Whether {@code text} is a policy document this stack can read: a JSON object with a Statement. */
    static boolean readable(String text) {
        try {
            JsonNode doc = JSON.readTree(text);
            return doc != null
                    && doc.isObject()
                    && (doc.path("Statement").isArray() || doc.path("Statement").isObject());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param principal null for an identity policy (it has no Principal element)
     * @param context condition keys of the request, e.g. aws:SourceArn, events:creatorAccount
     */
    static Decision evaluate(
            String policy, Principal principal, String action, String resource, Map<String, String> context) {
        if (policy == null || policy.isBlank()) {
            return Decision.NONE;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(policy);
        } catch (IOException e) {
            return Decision.NONE;
        }
        boolean allowed = false;
        for (JsonNode statement : list(doc.path("Statement"))) {
            if (!applies(statement, principal, action, resource, context)) {
                continue;
            }
            if ("Deny".equals(statement.path("Effect").asText())) {
                return Decision.DENY;
            }
            if ("Allow".equals(statement.path("Effect").asText())) {
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    private static boolean applies(
            JsonNode statement, Principal principal, String action, String resource, Map<String, String> context) {
        if (principal != null && !principalMatches(statement.get("Principal"), principal)) {
            return false;
        }
        if (!anyMatches(statement.get("Action"), action, true)) {
            return false;
        }
        if (!anyMatches(statement.get("Resource"), resource, false)) {
            return false;
        }
        return conditionsHold(statement.path("Condition"), context);
    }

    private static boolean principalMatches(JsonNode element, Principal principal) {
        if (element == null) {
            return false;
        }
        if (element.isTextual()) {
            return element.asText().equals("*");
        }
        for (JsonNode value : list(element.path(principal.type()))) {
            String v = value.asText();
            if (v.equals("*")
                    || v.equals(principal.id())
                    || principal.type().equals("AWS") && v.equals("arn:aws:iam::" + principal.id() + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(JsonNode element, String value, boolean ignoreCase) {
        for (JsonNode pattern : list(element)) {
            if (wildcard(pattern.asText(), ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        var operators = condition.properties().iterator();
        while (operators.hasNext()) {
            var op = operators.next();
            String operator = op.getKey();
            boolean ifExists = operator.endsWith("IfExists");
            String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
            if (!List.of("StringEquals", "StringLike", "ArnEquals", "ArnLike").contains(base)) {
                return false;
            }
            var keys = op.getValue().properties().iterator();
            while (keys.hasNext()) {
                var key = keys.next();
                String actual = context.get(key.getKey());
                if (actual == null) {
                    if (ifExists) {
                        continue;
                    }
                    return false;
                }
                boolean any = false;
                for (JsonNode expected : list(key.getValue())) {
                    String wanted = substitute(expected.asText(), context);
                    any |= base.endsWith("Equals")
                            ? wanted.equals(actual)
                            : wildcard(wanted, false).matcher(actual).matches();
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String substitute(String value, Map<String, String> context) {
        String out = value;
        for (Map.Entry<String, String> e : context.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return ignoreCase
                ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE)
                : Pattern.compile(regex.toString());
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** AWS's wording of a refused call. */
    static String refusal(String callerArn, String action, String resource, boolean identity) {
        return "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no " + (identity ? "identity-based" : "resource-based") + " policy allows the " + action
                + " action";
    }
}
