package io.eventbridge.kafka.sink.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.common.json.JsonRenderer;
import io.eventbridge.kafka.sink.config.DetailMode;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.config.EventConfig;
import io.eventbridge.kafka.sink.config.TimeSource;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Turns a sink record into a PutEvents entry. By default the entry has the AWS sink's shape:
 * Source {@code kafka-connect.<connector.id>}, DetailType {@code kafka-connect-<topic>}, and Detail
 * {@code {"topic","partition","offset","timestamp","timestampType","headers":[{name:value}],"key","value"}}.
 */
public final class EventMapper {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String eventBusArn;
    private final Expression source;
    private final DetailTypeMapper detailType;
    private final List<String> fixedResources;
    private final List<Expression> resources;
    private final TimeSource timeSource;
    private final JsonPath timeField;
    private final String traceHeader;
    private final DetailMode detailMode;
    private final CloudEventMapping cloudEvents;

    public EventMapper(EventBridgeSinkConfig config) {
        Map<String, String> constants = Map.of("connector.id", config.connectorId());
        this.eventBusArn = config.eventBusArn();
        this.source = Expression.parse(config.sourceExpression(), constants);
        this.detailType = detailTypeMapper(config, constants);
        this.fixedResources = config.fixedResources();
        this.resources = config.resourceExpressions().stream()
                .map(e -> Expression.parse(e, constants))
                .toList();
        this.timeSource = config.timeSource();
        this.timeField = config.timeField() == null ? null : JsonPath.parse(config.timeField());
        this.traceHeader = config.traceHeader();
        this.detailMode = config.detailMode();
        this.cloudEvents = new CloudEventMapping(config.cloudEventsMode());
    }

    /** The detail-type mapper the config asks for; also used by validation. */
    public static DetailTypeMapper detailTypeMapper(EventBridgeSinkConfig config, Map<String, String> constants) {
        if (config.detailTypeExpression() != null) {
            return DetailTypeMapper.fromExpression(config.detailTypeExpression(), constants);
        }
        if (EventConfig.AWS_JSON_PATH_MAPPER.equals(config.detailTypesMapperClass())) {
            return DetailTypeMapper.awsJsonPath(config.detailTypesFieldRef());
        }
        return DetailTypeMapper.awsDetailTypes(config.detailTypes(), constants);
    }

    /** @throws MappingException when the record cannot become an event */
    public MappedEvent map(SinkRecord record) {
        RecordView view = new RecordView(record);
        if (cloudEvents.applies(record)) {
            return new MappedEvent(
                    withTrace(cloudEvents.map(record).eventBusName(eventBusArn), view)
                            .build(),
                    null);
        }
        String src = source.evaluate(view);
        if (src == null || src.isEmpty()) {
            throw new MappingException("Source expression '" + source + "' has no value for this record");
        }
        String type = detailType.detailType(view);
        if (type == null || type.isEmpty()) {
            throw new MappingException("DetailType has no value for this record");
        }
        String detail;
        try {
            detail = detailMode == DetailMode.ENVELOPE ? envelope(view) : write(valueDetail(view));
        } catch (DataException e) {
            throw new MappingException("value cannot be rendered as JSON: " + e.getMessage(), e);
        }
        PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
                .eventBusName(eventBusArn)
                .source(src)
                .detailType(type)
                .detail(detail);
        List<String> res = resources(view);
        if (!res.isEmpty()) {
            entry.resources(res);
        }
        Instant time = time(view);
        if (time != null) {
            entry.time(time);
        }
        return new MappedEvent(withTrace(entry, view).build(), view);
    }

    private PutEventsRequestEntry.Builder withTrace(PutEventsRequestEntry.Builder entry, RecordView view) {
        if (traceHeader != null) {
            String trace = view.header(traceHeader);
            if (trace != null && !trace.isEmpty()) {
                entry.traceHeader(trace);
            }
        }
        return entry;
    }

    /**
     * The envelope, written straight to text: the key and value go through a tree only when an
     * expression already built one for this record.
     */
    private static String envelope(RecordView view) {
        SinkRecord record = view.record();
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = JsonRenderer.MAPPER.getFactory().createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("topic", record.topic());
            out.writeNumberField("partition", record.kafkaPartition());
            out.writeNumberField("offset", record.kafkaOffset());
            out.writeFieldName("timestamp");
            if (record.timestamp() == null) {
                out.writeNull();
            } else {
                out.writeNumber(record.timestamp());
            }
            out.writeStringField("timestampType", record.timestampType().toString());
            out.writeArrayFieldStart("headers");
            for (Header header : record.headers()) {
                out.writeStartObject();
                out.writeFieldName(header.key());
                JsonRenderer.write(out, header.schema(), header.value());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeFieldName("key");
            view.writeKey(out);
            out.writeFieldName("value");
            view.writeValue(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new MappingException("Detail cannot be written as JSON", e);
        }
        return text.toString();
    }

    private ObjectNode valueDetail(RecordView view) {
        JsonNode value = view.value();
        if (value.isObject()) {
            return (ObjectNode) value;
        }
        ObjectNode wrapped = NODES.objectNode();
        if (!value.isNull()) {
            wrapped.set("value", value);
        }
        return wrapped;
    }

    private List<String> resources(RecordView view) {
        if (resources.isEmpty()) {
            return fixedResources;
        }
        List<String> out = new ArrayList<>(fixedResources);
        for (Expression e : resources) {
            String value = e.evaluate(view);
            if (value != null && !value.isEmpty()) {
                out.add(value);
            }
        }
        return out;
    }

    private Instant time(RecordView view) {
        switch (timeSource) {
            case KAFKA_TIMESTAMP:
                return view.record().timestamp() == null
                        ? null
                        : Instant.ofEpochMilli(view.record().timestamp());
            case FIELD:
                return parseTime(timeField.read(view.value()));
            default:
                return null;
        }
    }

    static Instant parseTime(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    public static String write(JsonNode detail) {
        try {
            return JsonRenderer.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new MappingException("Detail cannot be written as JSON", e);
        }
    }
}
