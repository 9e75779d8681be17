package io.eventbridge.kafka.it.local;

import java.util.List;

/** An event the local EventBridge accepted, as the PutEvents entry gave it. */
public record ReceivedEvent(
        String eventId,
        String eventBus,
        String source,
        String detailType,
        String detail,
        List<String> resources,
        String time,
        String traceHeader) {}
