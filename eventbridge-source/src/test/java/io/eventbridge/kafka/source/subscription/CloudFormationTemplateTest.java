package io.eventbridge.kafka.source.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * deploy/cloudformation/eventbridge-source-subscription.json creates what subscription mode creates: the template is
 * resolved for a connector (parameters filled in, Ref/Fn::Sub/Fn::GetAtt evaluated to the ARNs the resources would
 * have) and each resource is compared with what the reconcile code would create for the same connector config.
 */
class CloudFormationTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE =
            Path.of("..", "deploy", "cloudformation", "eventbridge-source-subscription.json");
    private static final String ACCOUNT = "123456789012";
    private static final String PATTERN = "{\"source\":[\"com.example.orders\"]}";

    private final Subscription sub = Subscription.from(
            new EventBridgeSourceConfig(Map.of(
                    "topic",
                    "orders",
                    "aws.sqs.region",
                    "us-east-1",
                    "subscription.mode",
                    "managed",
                    "subscription.event.bus",
                    "shop",
                    "subscription.event.pattern",
                    PATTERN,
                    "sqs.visibility.timeout.seconds",
                    "120",
                    "subscription.queue.max.receive.count",
                    "7")),
            "orders-source");
    private final String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + sub.queueName();
    private final String dlqArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + sub.redriveQueueName();
    private final String ruleArn = OwnedRules.ruleArn(
            "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/shop",
            sub.patterns().get(0).ruleName());

    private JsonNode resolved() throws Exception {
        JsonNode template = JSON.readTree(TEMPLATE.toFile());
        Map<String, String> values = new HashMap<>();
        template.path("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().has("Default")) {
                values.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        values.put("ConnectorName", sub.connector());
        values.put("EventBusName", sub.bus());
        values.put("EventPattern", PATTERN);
        values.put("VisibilityTimeout", Integer.toString(sub.visibilityTimeoutSeconds()));
        values.put("MaxReceiveCount", Integer.toString(sub.maxReceiveCount()));
        values.put("Queue", "https://sqs.us-east-1.amazonaws.com/" + ACCOUNT + "/" + sub.queueName());
        values.put("DeadLetterQueue", "https://sqs.us-east-1.amazonaws.com/" + ACCOUNT + "/" + sub.redriveQueueName());
        Map<String, String> arns = Map.of("Queue", queueArn, "DeadLetterQueue", dlqArn, "Rule", ruleArn);
        return resolve(template.path("Resources"), values, arns);
    }

    /** Evaluates Ref, Fn::Sub and Fn::GetAtt (Arn) the way CloudFormation would for these values. */
    private static JsonNode resolve(JsonNode node, Map<String, String> values, Map<String, String> arns) {
        if (node.isObject() && node.size() == 1) {
            if (node.has("Ref")) {
                return TextNode.valueOf(values.get(node.get("Ref").asText()));
            }
            if (node.has("Fn::GetAtt")) {
                assertThat(node.get("Fn::GetAtt").get(1).asText()).isEqualTo("Arn");
                return TextNode.valueOf(arns.get(node.get("Fn::GetAtt").get(0).asText()));
            }
            if (node.has("Fn::Sub")) {
                Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}")
                        .matcher(node.get("Fn::Sub").asText());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
                }
                return TextNode.valueOf(m.appendTail(out).toString());
            }
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), values, arns)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(resolve(n, values, arns)));
            return out;
        }
        return node;
    }

    private static void assertTagged(JsonNode properties, String connector) {
        assertThat(properties.path("Tags")).singleElement().satisfies(t -> {
            assertThat(t.path("Key").asText()).isEqualTo(Subscription.OWNER_TAG);
            assertThat(t.path("Value").asText()).isEqualTo(connector);
        });
    }

    @Test
    void queuesHaveTheNamesAndSettingsTheReconcilerGivesThem() throws Exception {
        JsonNode resources = resolved();
        JsonNode queue = resources.path("Queue").path("Properties");
        Map<QueueAttributeName, String> wanted = OwnedQueues.queueAttributes(sub, dlqArn);
        assertThat(queue.path("QueueName").asText()).isEqualTo(sub.queueName());
        assertThat(queue.path("SqsManagedSseEnabled").asText())
                .isEqualTo(wanted.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED));
        assertThat(queue.path("VisibilityTimeout").asText())
                .isEqualTo(wanted.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        JsonNode redrive = JSON.readTree(wanted.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").asText())
                .isEqualTo(redrive.path("deadLetterTargetArn").asText());
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asText())
                .isEqualTo(redrive.path("maxReceiveCount").asText());
        assertThat(wanted.keySet())
                .containsExactlyInAnyOrder(
                        QueueAttributeName.SQS_MANAGED_SSE_ENABLED,
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        QueueAttributeName.REDRIVE_POLICY);
        assertTagged(queue, sub.connector());

        JsonNode dlq = resources.path("DeadLetterQueue").path("Properties");
        Map<QueueAttributeName, String> dlqWanted = OwnedQueues.deadLetterAttributes(false);
        assertThat(dlq.path("QueueName").asText())
                .isEqualTo(sub.redriveQueueName())
                .isEqualTo(sub.ownTargetDeadLetterName());
        assertThat(dlq.path("SqsManagedSseEnabled").asText())
                .isEqualTo(dlqWanted.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED));
        assertThat(dlq.path("MessageRetentionPeriod").asText())
                .isEqualTo(dlqWanted.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
        assertTagged(dlq, sub.connector());
    }

    @Test
    void theRuleAndItsTargetAreTheOnesTheReconcilerPuts() throws Exception {
        JsonNode rule = resolved().path("Rule").path("Properties");
        Subscription.Pattern pattern = sub.patterns().get(0);
        assertThat(rule.path("Name").asText()).isEqualTo(pattern.ruleName());
        assertThat(rule.path("EventBusName").asText()).isEqualTo(sub.bus());
        assertThat(OwnedRules.samePattern(rule.path("EventPattern").asText(), pattern.eventPattern()))
                .isTrue();
        assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
        assertTagged(rule, sub.connector());
        Target wanted = OwnedRules.target(sub, queueArn, dlqArn);
        JsonNode target = rule.path("Targets").get(0);
        assertThat(rule.path("Targets")).hasSize(1);
        assertThat(target.path("Id").asText()).isEqualTo(wanted.id());
        assertThat(target.path("Arn").asText()).isEqualTo(wanted.arn());
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt())
                .isEqualTo(wanted.retryPolicy().maximumRetryAttempts());
        assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt())
                .isEqualTo(wanted.retryPolicy().maximumEventAgeInSeconds());
        assertThat(target.path("DeadLetterConfig").path("Arn").asText())
                .isEqualTo(wanted.deadLetterConfig().arn());
    }

    @Test
    void bothQueuePoliciesSayWhatTheReconcilersPolicySays() throws Exception {
        JsonNode resources = resolved();
        for (String[] q : List.of(
                new String[] {"QueuePolicy", "Queue", queueArn},
                new String[] {"DeadLetterQueuePolicy", "DeadLetterQueue", dlqArn})) {
            JsonNode properties = resources.path(q[0]).path("Properties");
            assertThat(properties.path("Queues").get(0).asText())
                    .endsWith("/" + (q[1].equals("Queue") ? sub.queueName() : sub.redriveQueueName()));
            ObjectNode ours = (ObjectNode) JSON.readTree(QueuePolicy.document(sub.connector(), q[2], List.of(ruleArn)));
            ((ObjectNode) ours.path("Statement").get(0)).remove("Sid");
            assertThat(properties.path("PolicyDocument")).isEqualTo(ours);
        }
    }
}
