package io.eventbridge.kafka.source.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeCloudEvents;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.common.dlq.DeadLetterReporter;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.common.json.JsonValues;
import io.eventbridge.kafka.source.config.KeyMode;
import io.eventbridge.kafka.source.config.ValueMode;
import io.eventbridge.kafka.source.parse.MalformedMessageException;
import io.eventbridge.kafka.source.parse.ParsedEvent;
import io.eventbridge.kafka.source.replay.ReplayStarter;
import io.eventbridge.kafka.source.route.TopicRouter;
import io.eventbridge.kafka.source.schema.SchemaInference;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;

/**
 * Builds the record of an event: topic from the router, key, value and headers as configured, timestamp
 * from the event time. Malformed bodies become dead-letter records here too.
 */
public final class RecordFactory {
    public static final String HEADER_PREFIX = "eventbridge.";
    public static final String SQS_MESSAGE_ID = "sqs.message.id";
    public static final String SQS_QUEUE_URL = "sqs.queue.url";
    public static final String SQS_ATTRIBUTE_PREFIX = "sqs.attribute.";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Event times further ahead than this are not used as record timestamps. */
    static final long MAX_FUTURE_MS = java.util.concurrent.TimeUnit.MINUTES.toMillis(10);

    private final TopicRouter router;
    private final KeyMode keyMode;
    private final JsonPath keyPath;
    private final ValueMode valueMode;
    private final SchemaInference inference;
    private final List<String> messageAttributes;
    private final String deadLetterTopic;
    private final String connectorName;
    private String replayName;

    /**
     * @param inference null for schemaless values
     * @param deadLetterTopic where malformed bodies go, or null when they are left in the queue
     */
    public RecordFactory(
            TopicRouter router,
            KeyMode keyMode,
            String keyPath,
            ValueMode valueMode,
            SchemaInference inference,
            List<String> messageAttributes,
            String deadLetterTopic,
            String connectorName) {
        this.router = router;
        this.keyMode = keyMode;
        this.keyPath = keyPath == null ? null : JsonPath.parse(keyPath);
        this.valueMode = valueMode;
        this.inference = inference;
        this.messageAttributes = messageAttributes;
        this.deadLetterTopic = deadLetterTopic;
        this.connectorName = connectorName;
    }

    /** Records of events with this replay-name commit the offset that says the replay was started. */
    public RecordFactory replayName(String name) {
        this.replayName = name;
        return this;
    }

    public SqsSourceRecord record(SqsMessage message, ParsedEvent parsed) {
        EventBridgeEvent event = parsed.event();
        JsonNode detail = parsed.detail();
        ConnectHeaders headers = headers(message, event);
        String key = key(message, event, detail);
        SchemaAndValue value = value(parsed);
        boolean replayed = replayName != null && replayName.equals(event.replayName());
        Map<String, ?> partition = null;
        Map<String, ?> offset = null;
        if (replayed) {
            partition = ReplayStarter.partition(replayName);
            offset = Map.of(ReplayStarter.OFFSET_KEY, true);
        } else if (inference != null && value.schema() != null) {
            // the inferred shape, so that a restarted task goes on from it (see SchemaInference.ShapeStore)
            partition = inference.partitionOf(event.detailType());
            offset = inference.offsetOf(event.detailType());
        }
        return new SqsSourceRecord(
                message,
                partition,
                offset,
                router.topic(event, parsed.envelope()),
                key == null ? null : Schema.STRING_SCHEMA,
                key,
                value.schema(),
                value.value(),
                timestamp(event, message),
                headers);
    }

    /** The dead-letter record of a body that cannot become an event record; null when there is no DLQ topic. */
    public SqsSourceRecord deadLetter(SqsMessage message, MalformedMessageException reason) {
        if (deadLetterTopic == null) {
            return null;
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(DeadLetterReporter.HEADER_ERROR_CODE, "MalformedMessage");
        headers.addString(DeadLetterReporter.HEADER_ERROR_MESSAGE, reason.getMessage());
        headers.addString(DeadLetterReporter.HEADER_CONNECTOR, connectorName);
        headers.addString(SQS_MESSAGE_ID, message.messageId());
        headers.addString(SQS_QUEUE_URL, message.queueUrl());
        sqsAttributes(message, headers);
        long sent = message.sentTimestamp();
        return new SqsSourceRecord(
                message,
                deadLetterTopic,
                Schema.STRING_SCHEMA,
                message.messageId(),
                Schema.OPTIONAL_STRING_SCHEMA,
                message.body(),
                sent > 0 ? sent : null,
                headers);
    }

    private String key(SqsMessage message, EventBridgeEvent event, JsonNode detail) {
        return switch (keyMode) {
            case AUTO -> message.fifo() && message.messageGroupId() != null ? message.messageGroupId() : event.id();
            case ID -> event.id();
            case MESSAGE_GROUP_ID -> message.messageGroupId();
            case DETAIL_PATH -> JsonRenderer.asText(keyPath.read(detail));
            case NONE -> null;
        };
    }

    private SchemaAndValue value(ParsedEvent parsed) {
        EventBridgeEvent event = parsed.event();
        JsonNode detail = parsed.detail();
        switch (valueMode) {
            case CLOUDEVENT: {
                Struct cloudEvent = EventBridgeCloudEvents.toCloudEvent(parsed.eventWithDetailText());
                return new SchemaAndValue(cloudEvent.schema(), cloudEvent);
            }
            case DETAIL:
                return inference == null
                        ? new SchemaAndValue(null, JsonValues.toJava(detail))
                        : inference.detail(event.source(), event.detailType(), detail);
            default: {
                if (inference != null) {
                    return inference.envelope(event, detail);
                }
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("version", event.version());
                value.put("id", event.id());
                value.put("detail-type", event.detailType());
                value.put("source", event.source());
                value.put("account", event.account());
                value.put("time", event.time());
                value.put("region", event.region());
                value.put("resources", event.resources());
                value.put("detail", JsonValues.toJava(detail));
                if (event.replayName() != null) {
                    value.put("replay-name", event.replayName());
                }
                return new SchemaAndValue(null, value);
            }
        }
    }

    private ConnectHeaders headers(SqsMessage message, EventBridgeEvent event) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_PREFIX + "id", event.id());
        headers.addString(HEADER_PREFIX + "source", event.source());
        headers.addString(HEADER_PREFIX + "detail-type", event.detailType());
        add(headers, HEADER_PREFIX + "account", event.account());
        add(headers, HEADER_PREFIX + "region", event.region());
        add(headers, HEADER_PREFIX + "time", event.time());
        if (!event.resources().isEmpty()) {
            headers.addString(
                    HEADER_PREFIX + "resources",
                    JSON.valueToTree(event.resources()).toString());
        }
        add(headers, HEADER_PREFIX + "replay-name", event.replayName());
        headers.addString(SQS_MESSAGE_ID, message.messageId());
        sqsAttributes(message, headers);
        return headers;
    }

    private void sqsAttributes(SqsMessage message, ConnectHeaders headers) {
        for (String name : messageAttributes) {
            add(
                    headers,
                    SQS_ATTRIBUTE_PREFIX + name,
                    message.messageAttributes().get(name));
        }
    }

    private static void add(ConnectHeaders headers, String name, String value) {
        if (value != null) {
            headers.addString(name, value);
        }
    }

    /**
     * The event time; when it is missing, malformed, or further in the future than brokers accept
     * (Kafka 4 rejects records more than {@code log.message.timestamp.after.max.ms}, one hour by default,
     * ahead), the time SQS received the message.
     */
    static Long timestamp(EventBridgeEvent event, SqsMessage message) {
        long sent = message.sentTimestamp();
        if (event.time() != null) {
            long time = EventTimes.epochMillis(event.time());
            if (time != EventTimes.UNREADABLE && time <= System.currentTimeMillis() + MAX_FUTURE_MS) {
                return time;
            }
        }
        return sent > 0 ? sent : null; // when SQS got it
    }
}
