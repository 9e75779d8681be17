package io.eventbridge.kafka.source.sqs;

import java.util.Map;

/**
 * One received SQS message: where it came from, the handle to delete or extend it with, its body, its
 * system attributes (SentTimestamp, MessageGroupId, ApproximateReceiveCount, ...) and string message
 * attributes.
 */
public record SqsMessage(
        String queueUrl,
        String messageId,
        String receiptHandle,
        String body,
        Map<String, String> attributes,
        Map<String, String> messageAttributes,
        long receivedAtMillis) {
    public static final String SENT_TIMESTAMP = "SentTimestamp";
    public static final String MESSAGE_GROUP_ID = "MessageGroupId";

    /** When SQS received it (epoch ms), or -1. */
    public long sentTimestamp() {
        String sent = attributes.get(SENT_TIMESTAMP);
        try {
            return sent == null ? -1 : Long.parseLong(sent);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The FIFO message group, or null on standard queues. */
    public String messageGroupId() {
        return attributes.get(MESSAGE_GROUP_ID);
    }

    public boolean fifo() {
        return queueUrl.endsWith(".fifo");
    }
}
