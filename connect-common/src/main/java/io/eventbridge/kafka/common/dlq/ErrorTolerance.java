package io.eventbridge.kafka.common.dlq;

import java.util.Locale;
import java.util.Map;

/**
 * The framework's {@code errors.tolerance}, read from the connector's properties; the connectors do
 * not redefine the key, they only honour it.
 */
public enum ErrorTolerance {
    NONE,
    ALL;

    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";

    public static ErrorTolerance from(Map<String, String> props) {
        String value = props.get(ERRORS_TOLERANCE);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("all") ? ALL : NONE;
    }
}
