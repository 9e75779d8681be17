package io.eventbridge.kafka.source.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The EventBridge side of a subscription: one enabled rule per pattern on the bus (by name, or by ARN on another
 * account's bus), each with the queue as its target, a retry policy and a dead-letter queue; rules of this
 * connector whose pattern is no longer configured are removed. A rule of the same name without the connector's tag
 * is never changed.
 */
final class OwnedRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient events;
    private final AwsCalls aws;
    private final Subscription sub;
    private final List<Change> changes;
    private final boolean dryRun;
    /** Rules a plan would create: they have no targets to read yet. */
    private final java.util.Set<String> planned = new java.util.HashSet<>();

    OwnedRules(EventBridgeClient events, AwsCalls aws, Subscription sub, List<Change> changes, boolean dryRun) {
        this.events = events;
        this.aws = aws;
        this.sub = sub;
        this.changes = changes;
        this.dryRun = dryRun;
    }

    /** The ARN of a rule on the bus: rule/NAME on the default bus, rule/BUS/NAME on the others. */
    static String ruleArn(String busArn, String ruleName) {
        int at = busArn.indexOf(":event-bus/");
        String bus = busArn.substring(at + ":event-bus/".length());
        return busArn.substring(0, at) + ":rule/" + (bus.equals("default") ? "" : bus + "/") + ruleName;
    }

    /** The target every rule of the subscription has. */
    static Target target(Subscription sub, String queueArn, String deadLetterArn) {
        Target.Builder t = Target.builder()
                .id(Subscription.TARGET_ID)
                .arn(queueArn)
                .retryPolicy(r -> r.maximumRetryAttempts(sub.maxRetryAttempts())
                        .maximumEventAgeInSeconds(sub.maxEventAgeSeconds()))
                .deadLetterConfig(d -> d.arn(deadLetterArn));
        if (sub.fifo()) {
            t.sqsParameters(p -> p.messageGroupId(sub.messageGroupId()));
        }
        return t.build();
    }

    /** Rules on the bus named with this connector's prefix and tagged as its own. */
    List<String> ownedRuleNames(String busArn) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListRulesResponse page = aws.call(
                    "events:ListRules",
                    busArn,
                    () -> events.listRules(b -> b.eventBusName(sub.bus())
                            .namePrefix(Subscription.rulePrefix(sub.connector()) + "-")
                            .nextToken(next)));
            for (Rule r : page.rules()) {
                if (sub.connector().equals(owner(r.arn()))) {
                    out.add(r.name());
                }
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    /** Removes the connector's rules that no configured pattern names any more. */
    void removeObsolete(String busArn) {
        List<String> wanted =
                sub.patterns().stream().map(Subscription.Pattern::ruleName).toList();
        for (String name : ownedRuleNames(busArn)) {
            if (!wanted.contains(name)) {
                delete(busArn, name);
            }
        }
    }

    /** Removes every rule this connector owns on the bus, targets first. */
    void removeAll(String busArn) {
        ownedRuleNames(busArn).forEach(name -> delete(busArn, name));
    }

    private void delete(String busArn, String name) {
        String arn = ruleArn(busArn, name);
        changes.add(new Change(Change.Kind.DELETE, "rule", arn, "and its targets"));
        if (dryRun) {
            return;
        }
        List<String> ids = aws.call(
                "events:ListTargetsByRule",
                arn,
                () -> events.listTargetsByRule(b -> b.rule(name).eventBusName(sub.bus())).targets().stream()
                        .map(Target::id)
                        .toList());
        if (!ids.isEmpty()) {
            aws.run(
                    "events:RemoveTargets",
                    arn,
                    () -> events.removeTargets(
                            b -> b.rule(name).eventBusName(sub.bus()).ids(ids)));
        }
        aws.run(
                "events:DeleteRule",
                arn,
                () -> events.deleteRule(b -> b.name(name).eventBusName(sub.bus())));
    }

    /** Makes the pattern's rule exist, enabled, with this pattern; returns its ARN. */
    String ensure(String busArn, Subscription.Pattern pattern) {
        String arn = ruleArn(busArn, pattern.ruleName());
        DescribeRuleResponse current = aws.call("events:DescribeRule", arn, () -> {
            try {
                return events.describeRule(b -> b.name(pattern.ruleName()).eventBusName(sub.bus()));
            } catch (ResourceNotFoundException e) {
                return null;
            }
        });
        String description = "Kafka Connect EventBridge source " + sub.connector() + ", pattern " + pattern.name();
        if (current == null) {
            planned.add(pattern.ruleName());
            changes.add(new Change(Change.Kind.CREATE, "rule", arn, pattern.eventPattern()));
        } else {
            String owner = owner(current.arn());
            if (!sub.connector().equals(owner)) {
                throw new SubscriptionException("Subscription of connector " + sub.connector() + ": the rule " + arn
                        + " exists but is not tagged " + Subscription.OWNER_TAG + "=" + sub.connector() + ", so this "
                        + "connector did not create it and does not change it. Rename the pattern, delete the rule, or tag "
                        + "it " + Subscription.OWNER_TAG + "=" + sub.connector() + " to hand it to this connector.");
            }
            if (current.state() == RuleState.ENABLED && samePattern(current.eventPattern(), pattern.eventPattern())) {
                return current.arn();
            }
            changes.add(new Change(
                    Change.Kind.UPDATE,
                    "rule",
                    arn,
                    current.state() != RuleState.ENABLED ? "enable it" : "pattern " + pattern.eventPattern()));
        }
        if (dryRun) {
            return arn;
        }
        return aws.call(
                "events:PutRule",
                arn,
                () -> events.putRule(b -> b.name(pattern.ruleName())
                                .eventBusName(sub.bus())
                                .eventPattern(pattern.eventPattern())
                                .state(RuleState.ENABLED)
                                .description(description)
                                .tags(Tag.builder()
                                        .key(Subscription.OWNER_TAG)
                                        .value(sub.connector())
                                        .build()))
                        .ruleArn());
    }

    /** Makes the rule's target the queue, with the subscription's retry policy and dead-letter queue. */
    void ensureTarget(String ruleArn, Subscription.Pattern pattern, String queueArn, String deadLetterArn) {
        Target wanted = target(sub, queueArn, deadLetterArn);
        if (queueArn == null) {
            changes.add(new Change(Change.Kind.CREATE, "rule target", ruleArn, "the queue " + sub.queueName()));
            return;
        }
        List<Target> current = dryRun && planned.contains(pattern.ruleName())
                ? List.<Target>of()
                : aws.call(
                        "events:ListTargetsByRule",
                        ruleArn,
                        () -> events.listTargetsByRule(
                                        b -> b.rule(pattern.ruleName()).eventBusName(sub.bus()))
                                .targets());
        Target existing = current.stream()
                .filter(t -> t.id().equals(Subscription.TARGET_ID))
                .findFirst()
                .orElse(null);
        if (existing != null && sameTarget(existing, wanted)) {
            return;
        }
        changes.add(new Change(
                existing == null ? Change.Kind.CREATE : Change.Kind.UPDATE,
                "rule target",
                ruleArn,
                "queue " + queueArn + ", retry " + sub.maxRetryAttempts() + " times for up to "
                        + sub.maxEventAgeSeconds() + " s, dead-letter queue " + deadLetterArn));
        if (!dryRun) {
            aws.call("events:PutTargets", ruleArn, () -> {
                var response = events.putTargets(
                        b -> b.rule(pattern.ruleName()).eventBusName(sub.bus()).targets(wanted));
                if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                    throw new SubscriptionException("Subscription of connector " + sub.connector() + ": PutTargets on "
                            + ruleArn + " failed: "
                            + response.failedEntries().stream()
                                    .map(f -> f.errorCode() + " " + f.errorMessage())
                                    .collect(Collectors.joining("; ")));
                }
                return response;
            });
        }
    }

    private String owner(String ruleArn) {
        Map<String, String> tags = aws.call(
                "events:ListTagsForResource",
                ruleArn,
                () -> events.listTagsForResource(b -> b.resourceARN(ruleArn)).tags().stream()
                        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a)));
        return tags.get(Subscription.OWNER_TAG);
    }

    static boolean samePattern(String a, String b) {
        if (a == null || b == null) {
            return Objects.equals(a, b);
        }
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameTarget(Target a, Target b) {
        return Objects.equals(a.arn(), b.arn())
                && Objects.equals(a.retryPolicy(), b.retryPolicy())
                && Objects.equals(a.deadLetterConfig(), b.deadLetterConfig())
                && Objects.equals(a.sqsParameters(), b.sqsParameters())
                && a.input() == null
                && a.inputPath() == null
                && a.inputTransformer() == null;
    }
}
