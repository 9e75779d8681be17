package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.config.ConfigGroup;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The queues, how they are received from, and the AWS client keys under {@code aws.sqs.}. */
public final class SqsConfig {
    public static final String PREFIX = "aws.sqs.";
    public static final String GROUP = "SQS";
    public static final String CLIENT_GROUP = "SQS client";

    public static final String QUEUE_URLS_CONFIG = "aws.sqs.queue.urls";
    public static final String QUEUE_URLS_DOC = "URLs of the SQS queues the EventBridge rules target, standard or "
            + "FIFO, comma-separated. Required unless subscription.mode=managed, where the connector creates its queue.";
    public static final String QUEUE_URLS_DISPLAY = "Queue URLs";

    public static final String WAIT_TIME_CONFIG = "sqs.wait.time.seconds";
    public static final String WAIT_TIME_DOC = "Long polling: how long a receive call waits for messages (0-20).";
    public static final int WAIT_TIME_DEFAULT = 20;
    public static final String WAIT_TIME_DISPLAY = "Receive wait time (s)";

    public static final String MAX_MESSAGES_CONFIG = "sqs.max.messages";
    public static final String MAX_MESSAGES_DOC = "Messages asked for per receive call (1-10).";
    public static final int MAX_MESSAGES_DEFAULT = 10;
    public static final String MAX_MESSAGES_DISPLAY = "Messages per receive";

    public static final String LOOPS_CONFIG = "sqs.receive.loops.per.queue";
    public static final String LOOPS_DOC = "Concurrent receive loops per queue, spread over the tasks.";
    public static final int LOOPS_DEFAULT = 4;
    public static final String LOOPS_DISPLAY = "Receive loops per queue";

    public static final String VISIBILITY_CONFIG = "sqs.visibility.timeout.seconds";
    public static final String VISIBILITY_DOC = "Visibility timeout asked for on receive. A message not yet "
            + "acknowledged by Kafka is extended by this much (ChangeMessageVisibilityBatch) when a third of it is left.";
    public static final int VISIBILITY_DEFAULT = 60;
    public static final String VISIBILITY_DISPLAY = "Visibility timeout (s)";

    public static final String BUFFER_CONFIG = "buffer.max.messages";
    public static final String BUFFER_DOC = "Messages a task holds that are received but not yet deleted (buffered, "
            + "being written to Kafka, or waiting for deletion). Receiving stops while it is reached.";
    public static final int BUFFER_DEFAULT = 10_000;
    public static final String BUFFER_DISPLAY = "Max unacknowledged messages";

    public static final String POLL_MAX_RECORDS_CONFIG = "poll.max.records";
    public static final String POLL_MAX_RECORDS_DOC = "Most records one poll() returns.";
    public static final int POLL_MAX_RECORDS_DEFAULT = 2_000;
    public static final String POLL_MAX_RECORDS_DISPLAY = "Max records per poll";

    public static final String DELETE_BATCH_CONFIG = "sqs.delete.batch.size";
    public static final String DELETE_BATCH_DOC = "Messages per DeleteMessageBatch call (1-10).";
    public static final int DELETE_BATCH_DEFAULT = 10;
    public static final String DELETE_BATCH_DISPLAY = "Messages per delete call";

    public static final String DELETE_IN_FLIGHT_CONFIG = "sqs.delete.max.in.flight";
    public static final String DELETE_IN_FLIGHT_DOC = "DeleteMessageBatch calls a task may have outstanding at once.";
    public static final int DELETE_IN_FLIGHT_DEFAULT = 16;
    public static final String DELETE_IN_FLIGHT_DISPLAY = "Delete calls in flight";

    public static final String MESSAGE_ATTRIBUTES_CONFIG = "sqs.message.attributes";
    public static final String MESSAGE_ATTRIBUTES_DOC =
            "SQS message attributes copied into record headers " + "named sqs.attribute.<name>.";
    public static final String MESSAGE_ATTRIBUTES_DISPLAY = "Message attributes as headers";

    private SqsConfig() {}

    static void addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(QUEUE_URLS_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.HIGH)
                .doc(QUEUE_URLS_DOC)
                .display(QUEUE_URLS_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(WAIT_TIME_CONFIG, Type.INT)
                .defaultValue(WAIT_TIME_DEFAULT)
                .validator(Range.between(0, 20))
                .importance(Importance.LOW)
                .doc(WAIT_TIME_DOC)
                .display(WAIT_TIME_DISPLAY)
                .define()
                .key(MAX_MESSAGES_CONFIG, Type.INT)
                .defaultValue(MAX_MESSAGES_DEFAULT)
                .validator(Range.between(1, 10))
                .importance(Importance.LOW)
                .doc(MAX_MESSAGES_DOC)
                .display(MAX_MESSAGES_DISPLAY)
                .define()
                .key(LOOPS_CONFIG, Type.INT)
                .defaultValue(LOOPS_DEFAULT)
                .validator(Range.between(1, 64))
                .importance(Importance.MEDIUM)
                .doc(LOOPS_DOC)
                .display(LOOPS_DISPLAY)
                .define()
                .key(VISIBILITY_CONFIG, Type.INT)
                .defaultValue(VISIBILITY_DEFAULT)
                .validator(Range.between(5, 43_200))
                .importance(Importance.MEDIUM)
                .doc(VISIBILITY_DOC)
                .display(VISIBILITY_DISPLAY)
                .define()
                .key(BUFFER_CONFIG, Type.INT)
                .defaultValue(BUFFER_DEFAULT)
                .validator(Range.atLeast(10))
                .importance(Importance.MEDIUM)
                .doc(BUFFER_DOC)
                .display(BUFFER_DISPLAY)
                .define()
                .key(POLL_MAX_RECORDS_CONFIG, Type.INT)
                .defaultValue(POLL_MAX_RECORDS_DEFAULT)
                .validator(Range.atLeast(1))
                .importance(Importance.LOW)
                .doc(POLL_MAX_RECORDS_DOC)
                .display(POLL_MAX_RECORDS_DISPLAY)
                .define()
                .key(DELETE_BATCH_CONFIG, Type.INT)
                .defaultValue(DELETE_BATCH_DEFAULT)
                .validator(Range.between(1, 10))
                .importance(Importance.LOW)
                .doc(DELETE_BATCH_DOC)
                .display(DELETE_BATCH_DISPLAY)
                .define()
                .key(DELETE_IN_FLIGHT_CONFIG, Type.INT)
                .defaultValue(DELETE_IN_FLIGHT_DEFAULT)
                .validator(Range.between(1, 256))
                .importance(Importance.LOW)
                .doc(DELETE_IN_FLIGHT_DOC)
                .display(DELETE_IN_FLIGHT_DISPLAY)
                .define()
                .key(MESSAGE_ATTRIBUTES_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.LOW)
                .doc(MESSAGE_ATTRIBUTES_DOC)
                .display(MESSAGE_ATTRIBUTES_DISPLAY)
                .define();
        AwsClientConfig.addTo(def, PREFIX, CLIENT_GROUP, true);
    }
}
