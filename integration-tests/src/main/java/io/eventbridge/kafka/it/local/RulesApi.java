package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.event.ruler.Machine;

/**
 * Rules, targets and tags of the local EventBridge (AWS JSON 1.1, {@code AWSEvents.}): PutRule, DescribeRule,
 * EnableRule, DisableRule, DeleteRule, ListRules, PutTargets, RemoveTargets, ListTargetsByRule,
 * ListRuleNamesByTarget, TagResource, UntagResource and ListTagsForResource, on the caller's buses by name or on
 * any account's bus by ARN, each call checked by {@link Buses#refusal} with the rule's creator as
 * events:creatorAccount. Every accepted event is matched with AWS event-ruler against its bus's enabled rules and
 * handed to {@link TargetDelivery} for each SQS target (whole, or shaped by the target's input settings).
 */
final class RulesApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATIONS = Set.of(
            "PutRule",
            "DescribeRule",
            "EnableRule",
            "DisableRule",
            "DeleteRule",
            "ListRules",
            "PutTargets",
            "RemoveTargets",
            "ListTargetsByRule",
            "ListRuleNamesByTarget",
            "TagResource",
            "UntagResource",
            "ListTagsForResource");

    private final String region;
    private final Buses buses;
    private final TargetDelivery delivery;
    /** Bus ARN -> its rules and their matcher. */
    private final Map<String, BusRules> rules = new ConcurrentHashMap<>();

    private record Rule(
            String name,
            String arn,
            String busArn,
            String pattern,
            boolean enabled,
            String description,
            String creatorAccount,
            List<TargetDelivery.Target> targets) {}

    /** One bus's rules and its event-ruler machine. */
    private static final class BusRules {
        final Map<String, Rule> byName = new LinkedHashMap<>();
        volatile Machine machine = Machine.builder().build();

        synchronized void rebuild() throws IOException {
            Machine m = Machine.builder().build();
            for (Rule r : byName.values()) {
                if (r.enabled() && r.pattern() != null) {
                    try {
                        m.addRule(r.name(), r.pattern());
                    } catch (Exception e) {
                        // only a rule put with putRuleAsIs gets here: it matches nothing locally
                    }
                }
            }
            machine = m;
        }
    }

    RulesApi(String region, Buses buses, TargetDelivery delivery) {
        this.region = region;
        this.buses = buses;
        this.delivery = delivery;
    }

    void reset() {
        rules.clear();
    }

    boolean handles(String operation) {
        return OPERATIONS.contains(operation);
    }

    AwsResponse handle(String operation, JsonNode request, LocalIam.Credentials caller) throws IOException {
        if (operation.endsWith("Resource")) {
            return tagging(operation, request, caller);
        }
        String busArn =
                buses.resolve(caller.account(), request.path("EventBusName").asText("default"));
        Buses.Bus bus = buses.get(busArn);
        if (operation.equals("ListRules") || operation.equals("ListRuleNamesByTarget")) {
            String refused = buses.refusal(caller, "events:" + operation, busArn, bus, caller.account());
            if (refused != null) {
                return AwsResponse.error(400, "AccessDeniedException", refused);
            }
            if (bus == null) {
                return Buses.missing(busArn);
            }
            return operation.equals("ListRules") ? listRules(request, bus) : listRuleNamesByTarget(request, bus);
        }
        String name = request.path(
                        operation.equals("PutTargets")
                                        || operation.equals("RemoveTargets")
                                        || operation.equals("ListTargetsByRule")
                                ? "Rule"
                                : "Name")
                .asText();
        String ruleArn = ruleArn(bus == null ? Buses.account(busArn) : bus.account, Buses.busName(busArn), name);
        Rule existing = bus == null ? null : busRules(busArn).byName.get(name);
        String creator = existing != null ? existing.creatorAccount() : caller.account();
        String refused = buses.refusal(caller, "events:" + operation, ruleArn, bus, creator);
        if (refused != null) {
            return AwsResponse.error(400, "AccessDeniedException", refused);
        }
        if (bus == null) {
            return Buses.missing(busArn);
        }
        if (operation.equals("PutRule")) {
            return putRule(request, bus, name, ruleArn, existing, caller);
        }
        if (existing == null) {
            return AwsResponse.error(
                    400, "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus " + bus.name + ".");
        }
        return switch (operation) {
            case "DescribeRule" -> AwsResponse.json(200, describe(existing).toString());
            case "EnableRule", "DisableRule" -> setState(bus, existing, operation.equals("EnableRule"));
            case "DeleteRule" -> deleteRule(bus, existing);
            case "PutTargets" -> putTargets(request, existing);
            case "RemoveTargets" -> removeTargets(request, existing);
            default -> listTargets(existing);
        };
    }

    private BusRules busRules(String busArn) {
        return rules.computeIfAbsent(busArn, a -> new BusRules());
    }

    private String ruleArn(String account, String busName, String rule) {
        return "arn:aws:events:" + region + ":" + account + ":rule/" + (busName.equals("default") ? "" : busName + "/")
                + rule;
    }

    private AwsResponse putRule(
            JsonNode request, Buses.Bus bus, String name, String ruleArn, Rule existing, LocalIam.Credentials caller)
            throws IOException {
        if (!name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
            return AwsResponse.error(
                    400,
                    "ValidationException",
                    "1 validation error detected: Value '" + name
                            + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + "[\\.\\-_A-Za-z0-9]+ and have length less than or equal to 64");
        }
        String pattern =
                request.hasNonNull("EventPattern") ? request.get("EventPattern").asText() : null;
        if (pattern == null && !request.hasNonNull("ScheduleExpression")) {
            return AwsResponse.error(
                    400,
                    "ValidationException",
                    "Parameter(s) EventPattern or ScheduleExpression " + "must be specified.");
        }
        try {
            if (pattern != null) {
                Machine.builder().build().addRule("check", pattern);
            }
        } catch (Exception e) {
            return AwsResponse.error(
                    400, "InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.getMessage());
        }
        BusRules br = busRules(bus.arn);
        synchronized (br) {
            br.byName.put(
                    name,
                    new Rule(
                            name,
                            ruleArn,
                            bus.arn,
                            pattern,
                            !"DISABLED".equals(request.path("State").asText()),
                            request.path("Description").asText(null),
                            existing == null ? caller.account() : existing.creatorAccount(),
                            existing == null ? new CopyOnWriteArrayList<>() : existing.targets()));
            br.rebuild();
        }
        if (existing == null) {
            request.path("Tags")
                    .forEach(t -> buses.tags(ruleArn)
                            .put(t.path("Key").asText(), t.path("Value").asText()));
        }
        return AwsResponse.json(
                200, JSON.createObjectNode().put("RuleArn", ruleArn).toString());
    }

    /**
     * Puts an enabled rule whose pattern the local stack does not check, for the case of a pattern EventBridge
     * accepts (a newer pattern feature) that this event-ruler cannot parse. It matches nothing here.
     */
    void putRuleAsIs(String busArn, String name, String pattern, String account) throws IOException {
        BusRules br = busRules(busArn);
        synchronized (br) {
            br.byName.put(
                    name,
                    new Rule(
                            name,
                            ruleArn(account, Buses.busName(busArn), name),
                            busArn,
                            pattern,
                            true,
                            null,
                            account,
                            new CopyOnWriteArrayList<>()));
            br.rebuild();
        }
    }

    private ObjectNode describe(Rule r) {
        ObjectNode n = JSON.createObjectNode()
                .put("Name", r.name())
                .put("Arn", r.arn())
                .put("State", r.enabled() ? "ENABLED" : "DISABLED")
                .put("EventBusName", Buses.busName(r.busArn()))
                .put("CreatedBy", r.creatorAccount());
        if (r.pattern() != null) {
            n.put("EventPattern", r.pattern());
        }
        if (r.description() != null) {
            n.put("Description", r.description());
        }
        return n;
    }

    private AwsResponse setState(Buses.Bus bus, Rule r, boolean enabled) throws IOException {
        BusRules br = busRules(bus.arn);
        synchronized (br) {
            br.byName.put(
                    r.name(),
                    new Rule(
                            r.name(),
                            r.arn(),
                            r.busArn(),
                            r.pattern(),
                            enabled,
                            r.description(),
                            r.creatorAccount(),
                            r.targets()));
            br.rebuild();
        }
        return AwsResponse.json(200, "{}");
    }

    private AwsResponse deleteRule(Buses.Bus bus, Rule r) throws IOException {
        if (!r.targets().isEmpty()) {
            return AwsResponse.error(400, "ValidationException", "Rule can't be deleted since it has targets.");
        }
        BusRules br = busRules(bus.arn);
        synchronized (br) {
            br.byName.remove(r.name());
            br.rebuild();
        }
        buses.untagAll(r.arn());
        return AwsResponse.json(200, "{}");
    }

    private AwsResponse putTargets(JsonNode request, Rule rule) {
        List<TargetDelivery.Target> parsed = new ArrayList<>();
        for (JsonNode t : request.path("Targets")) {
            String id = t.path("Id").asText();
            String arn = t.path("Arn").asText();
            int attempts = t.path("RetryPolicy").path("MaximumRetryAttempts").asInt(185);
            int age = t.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt(86_400);
            if (attempts < 0 || attempts > 185 || age < 60 || age > 86_400) {
                return AwsResponse.error(
                        400,
                        "ValidationException",
                        "RetryPolicy of target " + id + " is out of range: "
                                + "MaximumRetryAttempts 0-185, MaximumEventAgeInSeconds 60-86400.");
            }
            String group = t.path("SqsParameters").path("MessageGroupId").asText(null);
            if (arn.endsWith(".fifo") && group == null) {
                return AwsResponse.error(
                        400,
                        "ValidationException",
                        "Parameter(s) SqsParameters must be specified for " + "target: " + id + ".");
            }
            String dlq = t.path("DeadLetterConfig").path("Arn").asText(null);
            if (dlq != null && !dlq.startsWith("arn:aws:sqs:")) {
                return AwsResponse.error(
                        400,
                        "ValidationException",
                        "The dead-letter queue of target " + id + " must be an SQS queue ARN.");
            }
            parsed.add(new TargetDelivery.Target(id, arn, TargetInput.of(t), dlq, attempts, age, group));
        }
        for (TargetDelivery.Target t : parsed) {
            rule.targets().removeIf(old -> old.id().equals(t.id()));
            rule.targets().add(t);
        }
        return AwsResponse.json(200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
    }

    private AwsResponse removeTargets(JsonNode request, Rule rule) {
        List<String> ids = new ArrayList<>();
        request.path("Ids").forEach(id -> ids.add(id.asText()));
        rule.targets().removeIf(t -> ids.contains(t.id()));
        return AwsResponse.json(200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
    }

    private AwsResponse listTargets(Rule rule) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode targets = out.putArray("Targets");
        for (TargetDelivery.Target t : rule.targets()) {
            ObjectNode n = targets.addObject().put("Id", t.id()).put("Arn", t.arn());
            n.putObject("RetryPolicy")
                    .put("MaximumRetryAttempts", t.maxRetryAttempts())
                    .put("MaximumEventAgeInSeconds", t.maxEventAgeSeconds());
            if (t.deadLetterArn() != null) {
                n.putObject("DeadLetterConfig").put("Arn", t.deadLetterArn());
            }
            if (t.messageGroupId() != null) {
                n.putObject("SqsParameters").put("MessageGroupId", t.messageGroupId());
            }
        }
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse listRules(JsonNode request, Buses.Bus bus) {
        String prefix = request.path("NamePrefix").asText("");
        BusRules br = busRules(bus.arn);
        List<Rule> matching;
        synchronized (br) {
            matching = br.byName.values().stream()
                    .filter(r -> r.name().startsWith(prefix))
                    .toList();
        }
        ObjectNode out = JSON.createObjectNode();
        Paging.page(request, matching, out, "Rules", this::describe);
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse listRuleNamesByTarget(JsonNode request, Buses.Bus bus) {
        String target = request.path("TargetArn").asText();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode names = out.putArray("RuleNames");
        for (Rule r : busRules(bus.arn).byName.values()) {
            if (r.targets().stream().anyMatch(t -> t.arn().equals(target))) {
                names.add(r.name());
            }
        }
        return AwsResponse.json(200, out.toString());
    }

    private AwsResponse tagging(String operation, JsonNode request, LocalIam.Credentials caller) {
        String arn = request.path("ResourceARN").asText();
        Buses.Bus bus;
        String creator = caller.account();
        if (arn.contains(":event-bus/")) {
            bus = buses.get(arn);
            if (bus == null) {
                return Buses.missing(arn);
            }
        } else if (arn.contains(":rule/")) {
            Rule rule = findRule(arn);
            if (rule == null) {
                return AwsResponse.error(400, "ResourceNotFoundException", "Rule " + arn + " does not exist.");
            }
            bus = buses.get(rule.busArn());
            creator = rule.creatorAccount();
        } else {
            return AwsResponse.error(400, "ValidationException", "Tagging is not supported for " + arn);
        }
        String refused = buses.refusal(caller, "events:" + operation, arn, bus, creator);
        if (refused != null) {
            return AwsResponse.error(400, "AccessDeniedException", refused);
        }
        Map<String, String> tags = buses.tags(arn);
        switch (operation) {
            case "TagResource" ->
                request.path("Tags")
                        .forEach(t ->
                                tags.put(t.path("Key").asText(), t.path("Value").asText()));
            case "UntagResource" -> request.path("TagKeys").forEach(k -> tags.remove(k.asText()));
            default -> {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("Tags");
                tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
                return AwsResponse.json(200, out.toString());
            }
        }
        return AwsResponse.json(200, "{}");
    }

    private Rule findRule(String arn) {
        for (BusRules br : rules.values()) {
            for (Rule r : br.byName.values()) {
                if (r.arn().equals(arn)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Matches an event on its bus and delivers it to the targets of every matching rule (of {@code filterArns}). */
    void route(String busArn, ObjectNode envelope, List<String> filterArns) throws IOException {
        BusRules br = rules.get(busArn);
        if (br == null) {
            return;
        }
        String json = envelope.toString();
        List<String> matched;
        try {
            matched = br.machine.rulesForJSONEvent(json);
        } catch (Exception e) {
            throw new IOException("event cannot be matched: " + e.getMessage(), e);
        }
        for (String ruleName : matched) {
            Rule rule = br.byName.get(ruleName);
            if (rule == null || !filterArns.isEmpty() && !filterArns.contains(rule.arn())) {
                continue;
            }
            for (TargetDelivery.Target target : rule.targets()) {
                if (target.arn().startsWith("arn:aws:sqs:")) {
                    delivery.deliver(
                            target,
                            target.input().render(envelope, json, ruleName, rule.arn()),
                            rule.arn(),
                            rule.creatorAccount());
                }
            }
        }
    }
}
