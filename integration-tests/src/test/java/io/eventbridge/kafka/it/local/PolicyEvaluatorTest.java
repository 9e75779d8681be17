package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.it.local.PolicyEvaluator.Decision;
import io.eventbridge.kafka.it.local.PolicyEvaluator.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";
    private static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/bus/r";
    private static final Principal EVENTS = Principal.service("events.amazonaws.com");

    private static final String QUEUE_POLICY = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + QUEUE + "\",\"Condition\":"
            + "{\"ArnEquals\":{\"aws:SourceArn\":[\"" + RULE + "\"]}}}]}";

    @Test
    void aQueuePolicyLetsOnlyTheNamedRuleSend() {
        assertThat(PolicyEvaluator.evaluate(
                        QUEUE_POLICY, EVENTS, "sqs:SendMessage", QUEUE, Map.of("aws:SourceArn", RULE)))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(
                        QUEUE_POLICY, EVENTS, "sqs:SendMessage", QUEUE, Map.of("aws:SourceArn", RULE + "-other")))
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(QUEUE_POLICY, EVENTS, "sqs:SendMessage", QUEUE, Map.of()))
                .as("a condition key the request lacks fails a plain operator")
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(
                        QUEUE_POLICY,
                        Principal.account("123456789012"),
                        "sqs:SendMessage",
                        QUEUE,
                        Map.of("aws:SourceArn", RULE)))
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(
                        QUEUE_POLICY, EVENTS, "sqs:DeleteMessage", QUEUE, Map.of("aws:SourceArn", RULE)))
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(null, EVENTS, "sqs:SendMessage", QUEUE, Map.of()))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void aBusPolicyWithCreatorAccountAndPolicyVariables() {
        String bus = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                + "\"Action\":[\"events:PutRule\",\"events:Put*\"],\"Resource\":\"arn:aws:events:us-east-1:111111111111:rule/"
                + "central/*\",\"Condition\":{\"StringEqualsIfExists\":{\"events:creatorAccount\":"
                + "\"${aws:PrincipalAccount}\"}}}]}";
        String rule = "arn:aws:events:us-east-1:111111111111:rule/central/x";
        Principal b = Principal.account("222222222222");
        assertThat(PolicyEvaluator.evaluate(
                        bus,
                        b,
                        "events:PutTargets",
                        rule,
                        Map.of("aws:PrincipalAccount", "222222222222", "events:creatorAccount", "222222222222")))
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(
                        bus, b, "events:PutTargets", rule, Map.of("aws:PrincipalAccount", "222222222222")))
                .as("IfExists holds when the key is absent")
                .isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.evaluate(
                        bus,
                        b,
                        "events:PutRule",
                        rule,
                        Map.of("aws:PrincipalAccount", "222222222222", "events:creatorAccount", "333333333333")))
                .as("another account's rule")
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(bus, b, "events:DeleteRule", rule, Map.of()))
                .isEqualTo(Decision.NONE);
        assertThat(PolicyEvaluator.evaluate(
                        bus, b, "events:PutRule", "arn:aws:events:us-east-1:111111111111:rule/" + "other/x", Map.of()))
                .isEqualTo(Decision.NONE);
    }

    @Test
    void anExplicitDenyWinsAndAnUnknownOperatorNeverApplies() {
        String identity = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"events:PutRule\",\"Resource\":\"*\"}]}";
        assertThat(PolicyEvaluator.evaluate(identity, null, "events:PutRule", RULE, Map.of()))
                .isEqualTo(Decision.DENY);
        assertThat(PolicyEvaluator.evaluate(identity, null, "events:PutTargets", RULE, Map.of()))
                .isEqualTo(Decision.ALLOW);
        String odd = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"NumericLessThan\":{\"x\":\"1\"}}}]}";
        assertThat(PolicyEvaluator.evaluate(odd, null, "events:PutRule", RULE, Map.of("x", "0")))
                .isEqualTo(Decision.NONE);
    }
}
