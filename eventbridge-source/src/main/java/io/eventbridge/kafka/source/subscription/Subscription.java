package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import io.eventbridge.kafka.source.config.QueueType;
import io.eventbridge.kafka.source.config.SqsConfig;
import io.eventbridge.kafka.source.config.SubscriptionConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What one connector's subscription consists of, derived from its config alone: the bus, one rule per pattern, the
 * queue and its dead-letter queues, and the names and tag that mark them as this connector's. The reconciler, the
 * CLI and the CloudFormation check all start from here, so they agree on every name and setting.
 *
 * @param bus a bus name or ARN, as configured
 * @param targetDeadLetterArn the targets' dead-letter queue when it is not the connector's own, else null
 */
public record Subscription(
        String connector,
        String bus,
        List<Pattern> patterns,
        String queueName,
        boolean fifo,
        int maxReceiveCount,
        int visibilityTimeoutSeconds,
        String messageGroupId,
        String targetDeadLetterArn,
        int maxRetryAttempts,
        int maxEventAgeSeconds) {
    /** The tag every owned resource carries, with the connector's name as value. */
    public static final String OWNER_TAG = "kafka-connect-eventbridge:connector";
    /** The id of the connector's target on each of its rules. */
    public static final String TARGET_ID = "kafka-connect-eventbridge";
    /** Name of the single subscription.event.pattern among the patterns. */
    public static final String DEFAULT_PATTERN = "default";

    private static final int MAX_RULE_NAME = 64;
    private static final int MAX_QUEUE_NAME = 80;

    /** One rule: a pattern name (a route's name, or {@link #DEFAULT_PATTERN}) and its event pattern. */
    public record Pattern(String name, String ruleName, String eventPattern) {}

    public Subscription {
        patterns = List.copyOf(patterns);
    }

    /** The subscription a connector's config describes. */
    public static Subscription from(EventBridgeSourceConfig config, String connector) {
        List<Pattern> patterns = new ArrayList<>();
        String main = config.getString(SubscriptionConfig.PATTERN_CONFIG);
        if (main != null && !main.isBlank()) {
            patterns.add(new Pattern(DEFAULT_PATTERN, ruleName(connector, DEFAULT_PATTERN), main));
        }
        for (EventBridgeSourceConfig.Route route : config.routes()) {
            if (route.pattern() != null) {
                patterns.add(new Pattern(route.name(), ruleName(connector, route.name()), route.pattern()));
            }
        }
        boolean fifo = SubscriptionConfig.QUEUE_TYPES.parse(config.getString(SubscriptionConfig.QUEUE_TYPE_CONFIG))
                == QueueType.FIFO;
        String queue = config.getString(SubscriptionConfig.QUEUE_NAME_CONFIG);
        String dlq = config.getString(SubscriptionConfig.TARGET_DLQ_CONFIG);
        return new Subscription(
                connector,
                config.getString(SubscriptionConfig.BUS_CONFIG),
                patterns,
                queue == null || queue.isBlank() ? defaultQueueName(connector, fifo) : queue.trim(),
                fifo,
                config.getInt(SubscriptionConfig.MAX_RECEIVE_CONFIG),
                config.getInt(SqsConfig.VISIBILITY_CONFIG),
                config.getString(SubscriptionConfig.GROUP_ID_CONFIG),
                dlq == null || dlq.isBlank() ? null : dlq.trim(),
                config.getInt(SubscriptionConfig.RETRY_ATTEMPTS_CONFIG),
                config.getInt(SubscriptionConfig.EVENT_AGE_CONFIG));
    }

    /** The prefix of every rule this connector names: {@code kc-<connector>}, shortened with a hash when long. */
    public static String rulePrefix(String connector) {
        return fit("kc-" + clean(connector, "._-"), MAX_RULE_NAME - 24, connector);
    }

    /** The rule of one pattern: {@code <prefix>-<pattern>}, at most 64 characters of [.-_A-Za-z0-9]. */
    public static String ruleName(String connector, String pattern) {
        return fit(rulePrefix(connector) + "-" + clean(pattern, "._-"), MAX_RULE_NAME, connector + "/" + pattern);
    }

    static String defaultQueueName(String connector, boolean fifo) {
        String suffix = fifo ? ".fifo" : "";
        // room for "-dlq" and ".fifo": the dead-letter queues' names must fit too
        return fit("eventbridge-" + clean(connector, "_-"), MAX_QUEUE_NAME - 4 - 5, connector) + suffix;
    }

    /** The queue's name without ".fifo". */
    public String queueBaseName() {
        return fifo ? queueName.substring(0, queueName.length() - ".fifo".length()) : queueName;
    }

    /** The redrive dead-letter queue: {@code <base>-dlq}, FIFO when the queue is (SQS requires it). */
    public String redriveQueueName() {
        return queueBaseName() + "-dlq" + (fifo ? ".fifo" : "");
    }

    /**
     * The connector's own standard queue for events EventBridge could not deliver, null when
     * subscription.target.dead.letter.arn names another. EventBridge's target dead-letter queues are standard queues,
     * so for a standard queue it is the redrive queue itself, and for a FIFO queue a standard {@code <base>-dlq}.
     */
    public String ownTargetDeadLetterName() {
        return targetDeadLetterArn != null ? null : queueBaseName() + "-dlq";
    }

    /** The names of the queues this connector creates, dead-letter queues first. */
    public List<String> ownedQueueNames() {
        List<String> out = new ArrayList<>();
        out.add(redriveQueueName());
        String target = ownTargetDeadLetterName();
        if (target != null && !out.contains(target)) {
            out.add(target);
        }
        out.add(queueName);
        return out;
    }

    /** Whether {@code bus} names a bus by ARN (in this or another account). */
    public boolean busIsArn() {
        return bus.startsWith("arn:");
    }

    private static String clean(String text, String allowed) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean ok =
                    c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || allowed.indexOf(c) >= 0;
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    /** {@code name}, or when longer than {@code max} its start and 8 hex digits of the hash of {@code identity}. */
    private static String fit(String name, int max, String identity) {
        if (name.length() <= max) {
            return name;
        }
        return name.substring(0, max - 9) + "-" + hash(identity);
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
