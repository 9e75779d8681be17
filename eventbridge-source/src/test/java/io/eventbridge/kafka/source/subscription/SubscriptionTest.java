package io.eventbridge.kafka.source.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private static Subscription of(String connector, String... kv) {
        Map<String, String> p = new HashMap<>(Map.of(
                "topic",
                "events",
                "aws.sqs.region",
                "us-east-1",
                "subscription.mode",
                "managed",
                "subscription.event.pattern",
                "{\"source\":[\"a\"]}"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return Subscription.from(new EventBridgeSourceConfig(p), connector);
    }

    @Test
    void namesEveryResourceAfterTheConnector() {
        Subscription sub = of("orders");
        assertThat(sub.queueName()).isEqualTo("eventbridge-orders");
        assertThat(sub.redriveQueueName()).isEqualTo("eventbridge-orders-dlq");
        assertThat(sub.ownTargetDeadLetterName())
                .as("a standard queue's redrive queue takes undeliverable events too")
                .isEqualTo("eventbridge-orders-dlq");
        assertThat(sub.ownedQueueNames()).containsExactly("eventbridge-orders-dlq", "eventbridge-orders");
        assertThat(sub.patterns())
                .singleElement()
                .satisfies(p -> assertThat(p.ruleName()).isEqualTo("kc-orders-default"));
        assertThat(sub.visibilityTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void aFifoQueueGetsAFifoRedriveQueueAndAStandardOneForEventBridge() {
        Subscription sub = of("orders", "subscription.queue.type", "fifo");
        assertThat(sub.queueName()).isEqualTo("eventbridge-orders.fifo");
        assertThat(sub.redriveQueueName()).isEqualTo("eventbridge-orders-dlq.fifo");
        assertThat(sub.ownTargetDeadLetterName()).isEqualTo("eventbridge-orders-dlq");
        assertThat(sub.ownedQueueNames())
                .containsExactly("eventbridge-orders-dlq.fifo", "eventbridge-orders-dlq", "eventbridge-orders.fifo");
    }

    @Test
    void routesAreRulesOfTheirOwnAndAGivenTargetDeadLetterQueueIsNotCreated() {
        Subscription sub = of(
                "orders",
                "routes",
                "eu,us",
                "route.eu.pattern",
                "{\"region\":[\"eu\"]}",
                "route.eu.topic",
                "eu",
                "route.us.pattern",
                "{\"region\":[\"us\"]}",
                "route.us.topic",
                "us",
                "subscription.target.dead.letter.arn",
                "arn:aws:sqs:us-east-1:123456789012:mine");
        assertThat(sub.patterns())
                .extracting(Subscription.Pattern::ruleName)
                .containsExactly("kc-orders-default", "kc-orders-eu", "kc-orders-us");
        assertThat(sub.ownTargetDeadLetterName()).isNull();
        assertThat(sub.ownedQueueNames()).containsExactly("eventbridge-orders-dlq", "eventbridge-orders");
    }

    @Test
    void longOrOddNamesStayWithinAwsLimitsAndDistinct() {
        String a = "a".repeat(100) + "/one";
        String b = "a".repeat(100) + "/two";
        assertThat(Subscription.ruleName(a, "p"))
                .hasSizeLessThanOrEqualTo(64)
                .matches("[.\\-_A-Za-z0-9]+")
                .isNotEqualTo(Subscription.ruleName(b, "p"));
        assertThat(Subscription.ruleName(a, "p")).startsWith(Subscription.rulePrefix(a) + "-");
        assertThat(of(a).queueName().length() + "-dlq.fifo".length()).isLessThanOrEqualTo(80);
        assertThat(of(a).queueName()).isNotEqualTo(of(b).queueName()).matches("[A-Za-z0-9_-]+");
        assertThat(Subscription.ruleName("my connector", "eu west")).isEqualTo("kc-my_connector-eu_west");
    }

    @Test
    void ruleArnsFollowTheBus() {
        assertThat(OwnedRules.ruleArn("arn:aws:events:us-east-1:111111111111:event-bus/default", "r"))
                .isEqualTo("arn:aws:events:us-east-1:111111111111:rule/r");
        assertThat(OwnedRules.ruleArn("arn:aws:events:us-east-1:111111111111:event-bus/aws.partner/x.com/1/o", "r"))
                .isEqualTo("arn:aws:events:us-east-1:111111111111:rule/aws.partner/x.com/1/o/r");
    }
}
