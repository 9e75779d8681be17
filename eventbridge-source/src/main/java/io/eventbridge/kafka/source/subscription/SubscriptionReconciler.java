package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Brings a subscription's AWS resources to what its config says, idempotently: run it twice and the second run
 * changes nothing. The order keeps events from being lost or refused on the way: dead-letter queues, then the
 * queue, then removal of rules no longer configured, then the rules, the queue policies that name them, and last
 * the targets, so no rule sends before the queue lets it. {@link #plan()} reads only and says what
 * {@link #apply()} would do; {@link #teardown(boolean)} removes exactly the resources tagged as the connector's.
 */
public final class SubscriptionReconciler implements AutoCloseable {
    /** What a reconcile did (or would do), where the queue is, and the ARNs of the rules. */
    public record Outcome(List<Change> changes, String queueUrl, List<String> ruleArns) {}

    private final Subscription sub;
    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final RetryPolicy retry;
    private final AutoCloseable owned;

    public SubscriptionReconciler(Subscription sub, SqsClient sqs, EventBridgeClient events, RetryPolicy retry) {
        this(sub, sqs, events, retry, null);
    }

    private SubscriptionReconciler(
            Subscription sub, SqsClient sqs, EventBridgeClient events, RetryPolicy retry, AutoCloseable owned) {
        this.sub = sub;
        this.sqs = sqs;
        this.events = events;
        this.retry = retry;
        this.owned = owned;
    }

    /** A reconciler with its own clients, built from the connector's aws.sqs.* settings. */
    public static SubscriptionReconciler create(EventBridgeSourceConfig config, String connector) {
        SubscriptionClients clients = SubscriptionClients.of(config);
        return new SubscriptionReconciler(
                Subscription.from(config, connector), clients.sqs(), clients.events(), config.retryPolicy(), clients);
    }

    public Subscription subscription() {
        return sub;
    }

    public Outcome plan() {
        return reconcile(true);
    }

    public Outcome apply() {
        return reconcile(false);
    }

    private Outcome reconcile(boolean dryRun) {
        List<Change> changes = new ArrayList<>();
        AwsCalls aws = new AwsCalls(retry, sub.connector());
        OwnedQueues queues = new OwnedQueues(sqs, aws, sub, changes, dryRun);
        OwnedRules rules = new OwnedRules(events, aws, sub, changes, dryRun);
        String busArn = busArn(aws);

        OwnedQueues.QueueRef redrive =
                queues.ensure(sub.redriveQueueName(), OwnedQueues.deadLetterAttributes(sub.fifo()));
        String ownTarget = sub.ownTargetDeadLetterName();
        OwnedQueues.QueueRef targetDlq = ownTarget == null
                ? null
                : ownTarget.equals(redrive.name())
                        ? redrive
                        : queues.ensure(ownTarget, OwnedQueues.deadLetterAttributes(false));
        OwnedQueues.QueueRef queue = queues.ensure(
                sub.queueName(),
                OwnedQueues.queueAttributes(
                        sub, redrive.arn() == null ? "(the new " + redrive.name() + ")" : redrive.arn()));

        rules.removeObsolete(busArn);
        List<String> ruleArns = new ArrayList<>();
        for (Subscription.Pattern p : sub.patterns()) {
            ruleArns.add(rules.ensure(busArn, p));
        }
        queues.ensurePolicy(queue, QueuePolicy.document(sub.connector(), queue.arn(), ruleArns));
        if (targetDlq != null) { // EventBridge writes undeliverable events there, so it needs the same permission
            queues.ensurePolicy(targetDlq, QueuePolicy.document(sub.connector(), targetDlq.arn(), ruleArns));
        }
        String deadLetterArn = targetDlq != null ? targetDlq.arn() : sub.targetDeadLetterArn();
        for (int i = 0; i < sub.patterns().size(); i++) {
            rules.ensureTarget(ruleArns.get(i), sub.patterns().get(i), queue.arn(), deadLetterArn);
        }
        return new Outcome(List.copyOf(changes), queue.url(), List.copyOf(ruleArns));
    }

    /** Removes the connector's rules (targets first) and its queues, only where they carry its tag. */
    public List<Change> teardown(boolean dryRun) {
        List<Change> changes = new ArrayList<>();
        AwsCalls aws = new AwsCalls(retry, sub.connector());
        new OwnedRules(events, aws, sub, changes, dryRun).removeAll(busArn(aws));
        new OwnedQueues(sqs, aws, sub, changes, dryRun).deleteOwned();
        return List.copyOf(changes);
    }

    private String busArn(AwsCalls aws) {
        if (sub.busIsArn()) {
            return sub.bus(); // another account's bus: its policy need not allow DescribeEventBus
        }
        return aws.call(
                "events:DescribeEventBus",
                sub.bus(),
                () -> events.describeEventBus(b -> b.name(sub.bus())).arn());
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SubscriptionReconciler.class).debug("Closing clients failed", e);
            }
        }
    }
}
