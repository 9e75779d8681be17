package io.eventbridge.kafka.source.subscription;

import org.apache.kafka.connect.errors.ConnectException;

/** A subscription could not be reconciled: the message says which action on which resource, and what to fix. */
public class SubscriptionException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public SubscriptionException(String message) {
        super(message);
    }

    public SubscriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
