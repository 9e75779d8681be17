package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Subscription mode: one config (a bus, a pattern, a topic) and the connector creates and keeps its queue, the
 * queue's dead-letter queue and policy, and one rule per pattern with the queue as target. See docs/subscriptions.md.
 */
public final class SubscriptionConfig {
    public static final String GROUP = "Subscription";

    public static final String MODE_CONFIG = "subscription.mode";
    public static final String MODE_DOC = "off: read the queues of aws.sqs.queue.urls. managed: the connector owns "
            + "its wiring and reconciles it at start, before any task runs: an SQS queue (SQS-managed encryption, the "
            + "visibility timeout of sqs.visibility.timeout.seconds, a redrive dead-letter queue), a queue policy that lets "
            + "only its own rules send, one enabled rule per pattern on subscription.event.bus, and the queue as each "
            + "rule's target with a retry policy and a dead-letter queue. Everything it creates is tagged "
            + "kafka-connect-eventbridge:connector=<connector name>; it never changes what lacks that tag and never "
            + "deletes on stop. existing: read aws.sqs.queue.urls and warn at start about wiring that can lose events "
            + "(no aws:SourceArn in the queue policy, no redrive, a rule target without a dead-letter queue, a short "
            + "visibility timeout).";
    public static final String MODE_DEFAULT = "off";
    public static final String MODE_DISPLAY = "Subscription mode";

    public static final String BUS_CONFIG = "subscription.event.bus";
    public static final String BUS_DOC = "The event bus the rules go on: default, a custom bus's name, a partner "
            + "event bus (aws.partner/...), or the ARN of a bus in another account whose policy lets this account create "
            + "rules on it. Also the bus whose rules subscription.mode=existing checks.";
    public static final String BUS_DEFAULT = "default";
    public static final String BUS_DISPLAY = "Event bus (name or ARN)";

    public static final String PATTERN_CONFIG = "subscription.event.pattern";
    public static final String PATTERN_DOC = "An EventBridge event pattern; its rule's events go to 'topic'. Optional "
            + "when routes are set: in managed mode each routing rule (route.NAME.pattern, route.NAME.topic) is a rule of "
            + "its own on the bus too.";
    public static final String PATTERN_DISPLAY = "Event pattern";

    public static final String QUEUE_NAME_CONFIG = "subscription.queue.name";
    public static final String QUEUE_NAME_DOC =
            "Name of the queue the connector creates; empty: eventbridge-<connector "
                    + "name> (with .fifo for FIFO queues). Its dead-letter queue is <name>-dlq.";
    public static final String QUEUE_NAME_DISPLAY = "Queue name";

    public static final String QUEUE_TYPE_CONFIG = "subscription.queue.type";
    public static final String QUEUE_TYPE_DOC = "standard, or fifo (content-based deduplication; every event in the "
            + "message group subscription.fifo.message.group.id, so the queue keeps the bus's delivery order).";
    public static final String QUEUE_TYPE_DEFAULT = "standard";
    public static final String QUEUE_TYPE_DISPLAY = "Queue type";

    public static final String MAX_RECEIVE_CONFIG = "subscription.queue.max.receive.count";
    public static final String MAX_RECEIVE_DOC = "The redrive policy's maxReceiveCount: receives after which SQS moves "
            + "a message to the dead-letter queue.";
    public static final int MAX_RECEIVE_DEFAULT = 10;
    public static final String MAX_RECEIVE_DISPLAY = "Max receives before the DLQ";

    public static final String GROUP_ID_CONFIG = "subscription.fifo.message.group.id";
    public static final String GROUP_ID_DOC = "MessageGroupId of the rule targets (SqsParameters) on a FIFO queue.";
    public static final String GROUP_ID_DEFAULT = "eventbridge";
    public static final String GROUP_ID_DISPLAY = "FIFO message group";

    public static final String TARGET_DLQ_CONFIG = "subscription.target.dead.letter.arn";
    public static final String TARGET_DLQ_DOC = "ARN of a standard SQS queue for events EventBridge could not deliver "
            + "to the queue (the targets' DeadLetterConfig). Empty: the connector's own <queue>-dlq. A queue of your own "
            + "must allow sqs:SendMessage from events.amazonaws.com for the connector's rules itself.";
    public static final String TARGET_DLQ_DISPLAY = "Target dead-letter queue ARN";

    public static final String RETRY_ATTEMPTS_CONFIG = "subscription.target.max.retry.attempts";
    public static final String RETRY_ATTEMPTS_DOC = "The targets' RetryPolicy.MaximumRetryAttempts (0-185).";
    public static final int RETRY_ATTEMPTS_DEFAULT = 185;
    public static final String RETRY_ATTEMPTS_DISPLAY = "Target retry attempts";

    public static final String EVENT_AGE_CONFIG = "subscription.target.max.event.age.seconds";
    public static final String EVENT_AGE_DOC = "The targets' RetryPolicy.MaximumEventAgeInSeconds (60-86400).";
    public static final int EVENT_AGE_DEFAULT = 86_400;
    public static final String EVENT_AGE_DISPLAY = "Target max event age (s)";

    public static final String ENDPOINT_CONFIG = "aws.eventbridge.endpoint.uri";
    public static final String ENDPOINT_DOC = "EventBridge endpoint for the source's own EventBridge calls "
            + "(subscriptions, replays) instead of the region's; region and credentials are those of aws.sqs.*.";
    public static final String ENDPOINT_DISPLAY = "EventBridge endpoint URI";

    public static final EnumValues<SubscriptionMode> MODES = EnumValues.of(SubscriptionMode.class);
    public static final EnumValues<QueueType> QUEUE_TYPES = EnumValues.of(QueueType.class);

    private SubscriptionConfig() {}

    static void addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(MODE_CONFIG, Type.STRING)
                .defaultValue(MODE_DEFAULT)
                .validator(MODES)
                .recommender(MODES)
                .importance(Importance.HIGH)
                .doc(MODE_DOC)
                .display(MODE_DISPLAY)
                .dependents(BUS_CONFIG, PATTERN_CONFIG, QUEUE_NAME_CONFIG, QUEUE_TYPE_CONFIG)
                .define()
                .key(BUS_CONFIG, Type.STRING)
                .defaultValue(BUS_DEFAULT)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.HIGH)
                .doc(BUS_DOC)
                .display(BUS_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(PATTERN_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.HIGH)
                .doc(PATTERN_DOC)
                .display(PATTERN_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(QUEUE_NAME_CONFIG, Type.STRING)
                .defaultValue("")
                .importance(Importance.MEDIUM)
                .doc(QUEUE_NAME_DOC)
                .display(QUEUE_NAME_DISPLAY)
                .define()
                .key(QUEUE_TYPE_CONFIG, Type.STRING)
                .defaultValue(QUEUE_TYPE_DEFAULT)
                .validator(QUEUE_TYPES)
                .recommender(QUEUE_TYPES)
                .importance(Importance.MEDIUM)
                .doc(QUEUE_TYPE_DOC)
                .display(QUEUE_TYPE_DISPLAY)
                .dependents(GROUP_ID_CONFIG)
                .define()
                .key(MAX_RECEIVE_CONFIG, Type.INT)
                .defaultValue(MAX_RECEIVE_DEFAULT)
                .validator(Range.between(1, 1000))
                .importance(Importance.MEDIUM)
                .doc(MAX_RECEIVE_DOC)
                .display(MAX_RECEIVE_DISPLAY)
                .define()
                .key(GROUP_ID_CONFIG, Type.STRING)
                .defaultValue(GROUP_ID_DEFAULT)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.LOW)
                .doc(GROUP_ID_DOC)
                .display(GROUP_ID_DISPLAY)
                .define()
                .key(TARGET_DLQ_CONFIG, Type.STRING)
                .defaultValue("")
                .importance(Importance.LOW)
                .doc(TARGET_DLQ_DOC)
                .display(TARGET_DLQ_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(RETRY_ATTEMPTS_CONFIG, Type.INT)
                .defaultValue(RETRY_ATTEMPTS_DEFAULT)
                .validator(Range.between(0, 185))
                .importance(Importance.LOW)
                .doc(RETRY_ATTEMPTS_DOC)
                .display(RETRY_ATTEMPTS_DISPLAY)
                .define()
                .key(EVENT_AGE_CONFIG, Type.INT)
                .defaultValue(EVENT_AGE_DEFAULT)
                .validator(Range.between(60, 86_400))
                .importance(Importance.LOW)
                .doc(EVENT_AGE_DOC)
                .display(EVENT_AGE_DISPLAY)
                .define()
                .key(ENDPOINT_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ENDPOINT_DOC)
                .display(ENDPOINT_DISPLAY)
                .define();
    }
}
