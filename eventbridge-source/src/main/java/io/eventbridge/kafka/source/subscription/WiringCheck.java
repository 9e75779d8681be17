package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * subscription.mode=existing: reads the wiring of queues built elsewhere, changes nothing, and returns what in it
 * can lose events or let strangers in: a queue policy without aws:SourceArn (or none), no redrive policy, a
 * visibility timeout shorter than the connector's, no rule on the bus targeting the queue, or a rule target without
 * a dead-letter queue. A check that cannot be made (a permission missing) says so instead of failing the start.
 */
public final class WiringCheck {
    private WiringCheck() {}

    public static List<String> warnings(
            SqsClient sqs, EventBridgeClient events, String bus, List<String> queueUrls, int visibilityTimeoutSeconds) {
        List<String> out = new ArrayList<>();
        for (String url : queueUrls) {
            Map<QueueAttributeName, String> a;
            try {
                a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes();
            } catch (RuntimeException e) {
                out.add("Queue " + url + ": could not read its attributes (" + AwsErrorClassifier.errorCode(e)
                        + "), so " + "its wiring is not checked");
                continue;
            }
            QueuePolicy.problems(a.get(QueueAttributeName.POLICY)).forEach(p -> out.add("Queue " + url + ": " + p));
            if (a.get(QueueAttributeName.REDRIVE_POLICY) == null) {
                out.add("Queue " + url + ": it has no redrive policy, so a message that can never be written is "
                        + "received again until it expires; give it a dead-letter queue");
            }
            String visibility = a.get(QueueAttributeName.VISIBILITY_TIMEOUT);
            if (visibility != null && Integer.parseInt(visibility) < visibilityTimeoutSeconds) {
                out.add("Queue " + url + ": its visibility timeout of " + visibility + " s is shorter than "
                        + "sqs.visibility.timeout.seconds (" + visibilityTimeoutSeconds
                        + " s); receivers that do not ask for "
                        + "a timeout of their own see messages again while the connector still writes them");
            }
            String arn = a.get(QueueAttributeName.QUEUE_ARN);
            if (arn != null) {
                out.addAll(targetWarnings(events, bus, url, arn));
            }
        }
        return out;
    }

    private static List<String> targetWarnings(EventBridgeClient events, String bus, String url, String queueArn) {
        List<String> out = new ArrayList<>();
        try {
            List<String> rules = events.listRuleNamesByTarget(
                            b -> b.targetArn(queueArn).eventBusName(bus))
                    .ruleNames();
            if (rules.isEmpty()) {
                out.add("Queue " + url + ": no rule on bus " + bus + " targets it (subscription.event.bus)");
            }
            for (String rule : rules) {
                for (Target t : events.listTargetsByRule(b -> b.rule(rule).eventBusName(bus))
                        .targets()) {
                    if (queueArn.equals(t.arn())
                            && (t.deadLetterConfig() == null
                                    || t.deadLetterConfig().arn() == null)) {
                        out.add("Rule " + rule + " on bus " + bus + ": its target " + t.id() + " (the queue " + url
                                + ") has no dead-letter queue, so events EventBridge cannot deliver are dropped");
                    }
                }
            }
        } catch (RuntimeException e) {
            out.add("Queue " + url + ": could not read the rules of bus " + bus + " (" + AwsErrorClassifier.errorCode(e)
                    + "), so its rule targets are not checked");
        }
        return out;
    }
}
