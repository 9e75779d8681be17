package io.eventbridge.kafka.source.record;

import io.eventbridge.kafka.source.metrics.SourceMetrics;
import io.eventbridge.kafka.source.parse.EventParser;
import io.eventbridge.kafka.source.parse.MalformedMessageException;
import io.eventbridge.kafka.source.sqs.InFlightMessages;
import io.eventbridge.kafka.source.sqs.QueueReceiver;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From received message to record: parse, route and build on the receive loop's thread, then queue the
 * record for {@code poll()}. A malformed body becomes a dead-letter record, or is let go to reappear for the
 * queue's redrive policy. The queue needs no bound of its own: {@link InFlightMessages} bounds every
 * message between receive and delete.
 */
public final class MessagePipeline implements QueueReceiver.Handler {
    private static final Logger log = LoggerFactory.getLogger(MessagePipeline.class);

    private final EventParser parser;
    private final RecordFactory records;
    private final InFlightMessages inFlight;
    private final SourceMetrics metrics;
    private final LinkedBlockingQueue<SourceRecord> ready = new LinkedBlockingQueue<>();

    public MessagePipeline(
            EventParser parser, RecordFactory records, InFlightMessages inFlight, SourceMetrics metrics) {
        this.parser = parser;
        this.records = records;
        this.inFlight = inFlight;
        this.metrics = metrics;
    }

    @Override
    public void accept(SqsMessage message) {
        try {
            ready.add(records.record(message, parser.parse(message)));
        } catch (MalformedMessageException | IllegalArgumentException e) {
            MalformedMessageException reason =
                    e instanceof MalformedMessageException m ? m : new MalformedMessageException(e.getMessage());
            SqsSourceRecord deadLetter = records.deadLetter(message, reason);
            if (deadLetter != null) {
                log.warn(
                        "SQS message {} from {} is malformed ({}); it goes to the dead-letter topic",
                        message.messageId(),
                        message.queueUrl(),
                        reason.getMessage());
                metrics.deadLettered();
                ready.add(deadLetter);
            } else {
                log.warn(
                        "SQS message {} from {} is malformed ({}); it is left in the queue for its redrive policy",
                        message.messageId(),
                        message.queueUrl(),
                        reason.getMessage());
                metrics.left();
                inFlight.remove(message);
            }
        }
    }

    /** Up to {@code max} records, waiting up to {@code waitMs} for the first; empty when none came. */
    public List<SourceRecord> drain(int max, long waitMs) throws InterruptedException {
        SourceRecord first = ready.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<SourceRecord> out = new java.util.ArrayList<>(Math.min(max, ready.size() + 1));
        out.add(first);
        ready.drainTo(out, max - 1);
        return out;
    }
}
