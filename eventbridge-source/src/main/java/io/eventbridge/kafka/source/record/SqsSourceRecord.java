package io.eventbridge.kafka.source.record;

import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record that remembers the SQS message it came from. Connect hands the task's own record object back
 * to {@code commitRecord} (before any transformation), so the message to delete travels with it.
 * Source partition and offset are null (SQS keeps no position to resume from, a message is simply deleted
 * once its record is in Kafka), except for events of the configured replay, whose records record that the
 * replay was started, and for inferred schemas, whose records keep the shape their schema was made of.
 */
public final class SqsSourceRecord extends SourceRecord {
    private final SqsMessage message;

    public SqsSourceRecord(
            SqsMessage message,
            String topic,
            Schema keySchema,
            Object key,
            Schema valueSchema,
            Object value,
            Long timestamp,
            Headers headers) {
        this(message, null, null, topic, keySchema, key, valueSchema, value, timestamp, headers);
    }

    /** A record that also commits a source offset: the replay it came from was started, or its inferred shape. */
    public SqsSourceRecord(
            SqsMessage message,
            Map<String, ?> partition,
            Map<String, ?> offset,
            String topic,
            Schema keySchema,
            Object key,
            Schema valueSchema,
            Object value,
            Long timestamp,
            Headers headers) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.message = message;
    }

    public SqsMessage message() {
        return message;
    }
}
