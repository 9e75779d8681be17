package io.eventbridge.kafka.source;

import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.util.Map;

/** Test messages. */
public final class Messages {
    public static final String QUEUE = "http://localhost:9324/000000000000/events";

    private Messages() {}

    public static SqsMessage message(String id, String body) {
        return new SqsMessage(
                QUEUE,
                id,
                "rh-" + id,
                body,
                Map.of(SqsMessage.SENT_TIMESTAMP, "1763900000000"),
                Map.of(),
                1763900000500L);
    }

    public static String envelope(String id, String detailType, String source, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + detailType + "\",\"source\":\""
                + source + "\",\"account\":\"123456789012\",\"time\":\"2026-11-23T10:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-1\"],\"detail\":" + detail + "}";
    }
}
