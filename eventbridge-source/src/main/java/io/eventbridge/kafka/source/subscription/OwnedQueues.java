package io.eventbridge.kafka.source.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The SQS side of a subscription: the queue and its dead-letter queues exist with the settings the subscription
 * asks for, tagged as the connector's, and carry the queue policy. A queue of the same name without the connector's
 * tag is never changed: the reconcile stops and says so.
 */
final class OwnedQueues {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Dead-letter queues keep messages as long as SQS allows: 14 days. */
    static final String DLQ_RETENTION_SECONDS = "1209600";

    /** A queue by name; url and arn are null in a plan where the queue is still to be created. */
    record QueueRef(String name, String url, String arn) {}

    private final SqsClient sqs;
    private final AwsCalls aws;
    private final Subscription sub;
    private final List<Change> changes;
    private final boolean dryRun;

    OwnedQueues(SqsClient sqs, AwsCalls aws, Subscription sub, List<Change> changes, boolean dryRun) {
        this.sqs = sqs;
        this.aws = aws;
        this.sub = sub;
        this.changes = changes;
        this.dryRun = dryRun;
    }

    /** The attributes a dead-letter queue gets (FIFO ones for the redrive queue of a FIFO queue). */
    static Map<QueueAttributeName, String> deadLetterAttributes(boolean fifo) {
        Map<QueueAttributeName, String> a = new LinkedHashMap<>();
        a.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true");
        a.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, DLQ_RETENTION_SECONDS);
        if (fifo) {
            a.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return a;
    }

    /** The attributes the queue itself gets, its redrive policy pointing at {@code redriveArn}. */
    static Map<QueueAttributeName, String> queueAttributes(Subscription sub, String redriveArn) {
        Map<QueueAttributeName, String> a = new LinkedHashMap<>();
        a.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true");
        a.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(sub.visibilityTimeoutSeconds()));
        a.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(redriveArn, sub.maxReceiveCount()));
        if (sub.fifo()) {
            a.put(QueueAttributeName.FIFO_QUEUE, "true");
            a.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"); // EventBridge needs it for FIFO targets
        }
        return a;
    }

    static String redrivePolicy(String deadLetterArn, int maxReceiveCount) {
        return JSON.createObjectNode()
                .put("deadLetterTargetArn", deadLetterArn)
                .put("maxReceiveCount", maxReceiveCount)
                .toString();
    }

    /** Makes the queue exist as {@code desired} says; returns where it is. */
    QueueRef ensure(String name, Map<QueueAttributeName, String> desired) {
        String url = url(name);
        if (url == null) {
            changes.add(new Change(Change.Kind.CREATE, "queue", name, describe(desired)));
            if (dryRun) {
                return new QueueRef(name, null, null);
            }
            String created = aws.call(
                    "sqs:CreateQueue",
                    name,
                    () -> sqs.createQueue(b -> b.queueName(name)
                                    .attributes(desired)
                                    .tags(Map.of(Subscription.OWNER_TAG, sub.connector())))
                            .queueUrl());
            return new QueueRef(name, created, arn(created));
        }
        requireOwned(name, url);
        Map<QueueAttributeName, String> current = aws.call(
                "sqs:GetQueueAttributes",
                name,
                () -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes());
        boolean fifo = "true".equals(current.get(QueueAttributeName.FIFO_QUEUE));
        if (fifo != "true".equals(desired.get(QueueAttributeName.FIFO_QUEUE))) {
            throw new SubscriptionException("Subscription of connector " + sub.connector() + ": queue " + name + " is "
                    + (fifo ? "a FIFO" : "a standard") + " queue, and SQS cannot change a queue's type. Set "
                    + "subscription.queue.type to match, or delete the queue so that it is created anew.");
        }
        Map<QueueAttributeName, String> differ = new LinkedHashMap<>();
        desired.forEach((k, v) -> {
            if (k != QueueAttributeName.FIFO_QUEUE && !same(k, v, current.get(k))) {
                differ.put(k, v);
            }
        });
        if (!differ.isEmpty()) {
            changes.add(new Change(Change.Kind.UPDATE, "queue", name, describe(differ)));
            if (!dryRun) {
                aws.run(
                        "sqs:SetQueueAttributes",
                        name,
                        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(differ)));
            }
        }
        return new QueueRef(name, url, current.get(QueueAttributeName.QUEUE_ARN));
    }

    /** Gives an owned queue this policy unless it has it already. */
    void ensurePolicy(QueueRef queue, String policy) {
        if (queue.url() == null) {
            changes.add(new Change(
                    Change.Kind.UPDATE,
                    "queue policy",
                    queue.name(),
                    "allow sqs:SendMessage from " + QueuePolicy.SERVICE + " for the connector's rules only"));
            return;
        }
        String current = aws.call(
                "sqs:GetQueueAttributes",
                queue.name(),
                () -> sqs.getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNames(QueueAttributeName.POLICY))
                        .attributes()
                        .get(QueueAttributeName.POLICY));
        if (QueuePolicy.same(current, policy)) {
            return;
        }
        changes.add(new Change(Change.Kind.UPDATE, "queue policy", queue.name(), policy));
        if (!dryRun) {
            aws.run(
                    "sqs:SetQueueAttributes",
                    queue.name(),
                    () -> sqs.setQueueAttributes(
                            b -> b.queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY, policy))));
        }
    }

    /** Deletes the connector's queues that carry its tag, the queue first; others are left and reported. */
    void deleteOwned() {
        List<String> names = new java.util.ArrayList<>(sub.ownedQueueNames());
        java.util.Collections.reverse(names);
        for (String name : names) {
            String url = url(name);
            if (url == null) {
                continue;
            }
            if (!owned(name, url)) {
                throw notOwned(name);
            }
            changes.add(new Change(Change.Kind.DELETE, "queue", name, "with the messages in it"));
            if (!dryRun) {
                aws.run("sqs:DeleteQueue", name, () -> sqs.deleteQueue(b -> b.queueUrl(url)));
            }
        }
    }

    String url(String name) {
        return aws.call("sqs:GetQueueUrl", name, () -> {
            try {
                return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                return null;
            }
        });
    }

    private String arn(String url) {
        return aws.call(
                "sqs:GetQueueAttributes",
                url,
                () -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN));
    }

    private boolean owned(String name, String url) {
        Map<String, String> tags = aws.call(
                "sqs:ListQueueTags",
                name,
                () -> sqs.listQueueTags(b -> b.queueUrl(url)).tags());
        return sub.connector().equals(tags.get(Subscription.OWNER_TAG));
    }

    private void requireOwned(String name, String url) {
        if (!owned(name, url)) {
            throw notOwned(name);
        }
    }

    private SubscriptionException notOwned(String name) {
        return new SubscriptionException("Subscription of connector " + sub.connector() + ": the SQS queue " + name
                + " exists but is not tagged " + Subscription.OWNER_TAG + "=" + sub.connector() + ", so this connector "
                + "did not create it and does not change it. Choose another subscription.queue.name, delete the queue, tag "
                + "it " + Subscription.OWNER_TAG + "=" + sub.connector()
                + " to hand it to this connector, or read it as it "
                + "is with subscription.mode=existing and aws.sqs.queue.urls.");
    }

    private static boolean same(QueueAttributeName name, String desired, String current) {
        if (name == QueueAttributeName.REDRIVE_POLICY && current != null) {
            try {
                JsonNode a = JSON.readTree(desired);
                JsonNode b = JSON.readTree(current);
                return a.path("deadLetterTargetArn")
                                .asText()
                                .equals(b.path("deadLetterTargetArn").asText())
                        && a.path("maxReceiveCount")
                                .asText()
                                .equals(b.path("maxReceiveCount").asText());
            } catch (IOException e) {
                return false;
            }
        }
        return Objects.equals(desired, current);
    }

    private static String describe(Map<QueueAttributeName, String> attributes) {
        StringBuilder out = new StringBuilder();
        attributes.forEach((k, v) ->
                out.append(out.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }
}
