package io.eventbridge.kafka.it.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the local EventBridge hands a matched event to an SQS target, as EventBridge does: it may send only where the
 * queue's policy allows {@code sqs:SendMessage} to {@code events.amazonaws.com} for this rule (aws:SourceArn,
 * aws:SourceAccount), and the queue must exist. Such a failure is not retried (AWS does not retry permission and
 * missing-resource errors): the event goes to the target's dead-letter queue, with the attributes EventBridge sets
 * (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS), itself subject to
 * its own policy; without one it is dropped and counted.
 */
final class TargetDelivery {
    private static final Logger log = LoggerFactory.getLogger(TargetDelivery.class);

    /** One SQS target of a rule. */
    record Target(
            String id,
            String arn,
            TargetInput input,
            String deadLetterArn,
            int maxRetryAttempts,
            int maxEventAgeSeconds,
            String messageGroupId) {}

    private volatile LocalSqs sqs;
    private final AtomicLong failedInvocations = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    void connect(LocalSqs queues) {
        this.sqs = queues;
    }

    long failedInvocations() {
        return failedInvocations.get();
    }

    long deadLettered() {
        return deadLettered.get();
    }

    long dropped() {
        return dropped.get();
    }

    void reset() {
        failedInvocations.set(0);
        deadLettered.set(0);
        dropped.set(0);
    }

    void deliver(Target target, String body, String ruleArn, String ruleAccount) {
        LocalSqs queues = sqs;
        if (queues == null) {
            throw new IllegalStateException("no SQS is connected to the local EventBridge");
        }
        String[] error = refusal(queues, target.arn(), ruleArn, ruleAccount);
        if (error == null) {
            queues.deliver(queues.queueUrl(target.arn()), body, Map.of(), target.messageGroupId());
            return;
        }
        failedInvocations.incrementAndGet();
        log.info("Rule {} could not deliver to {}: {} {}", ruleArn, target.arn(), error[0], error[1]);
        if (target.deadLetterArn() == null) {
            dropped.incrementAndGet();
            return;
        }
        String[] dlqError = refusal(queues, target.deadLetterArn(), ruleArn, ruleAccount);
        if (dlqError != null) {
            dropped.incrementAndGet();
            log.info(
                    "Rule {} could not write to its dead-letter queue {} either: {}",
                    ruleArn,
                    target.deadLetterArn(),
                    dlqError[0]);
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", ruleArn);
        attributes.put("TARGET_ARN", target.arn());
        attributes.put("ERROR_CODE", error[0]);
        attributes.put("ERROR_MESSAGE", error[1]);
        attributes.put("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
        attributes.put("RETRY_ATTEMPTS", "0");
        queues.deliver(queues.queueUrl(target.deadLetterArn()), body, attributes, null);
        deadLettered.incrementAndGet();
    }

    /** Why the queue does not take the rule's event: {code, message}, or null when it does. */
    private static String[] refusal(LocalSqs queues, String queueArn, String ruleArn, String ruleAccount) {
        if (!queues.exists(queueArn)) {
            return new String[] {"RESOURCE_NOT_FOUND", "The specified queue does not exist: " + queueArn};
        }
        PolicyEvaluator.Decision d = PolicyEvaluator.evaluate(
                queues.policy(queueArn),
                PolicyEvaluator.Principal.service("events.amazonaws.com"),
                "sqs:SendMessage",
                queueArn,
                Map.of("aws:SourceArn", ruleArn, "aws:SourceAccount", ruleAccount));
        return d == PolicyEvaluator.Decision.ALLOW
                ? null
                : new String[] {
                    "NO_PERMISSIONS",
                    "The queue policy of " + queueArn + " does not allow sqs:SendMessage for " + ruleArn
                };
    }
}
