package io.eventbridge.kafka.source.parse;

/** An SQS message body that cannot become a record; the message says why. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
