package io.eventbridge.kafka.sink.mapping;

import io.eventbridge.kafka.cloudevents.CloudEventJson;
import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeCloudEvents;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.sink.config.CloudEventsMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Records whose value is a CloudEvent become events through the mapping of
 * {@link EventBridgeCloudEvents}: type -> DetailType, source -> Source, time -> Time, data -> Detail,
 * the resources extension -> Resources; or, in {@link CloudEventsMode#DETAIL}, with the whole event as Detail.
 */
final class CloudEventMapping {
    private final CloudEventsMode mode;

    CloudEventMapping(CloudEventsMode mode) {
        this.mode = mode;
    }

    boolean applies(SinkRecord record) {
        return mode != CloudEventsMode.OFF
                && CloudEventSchema.isCloudEvent(record.valueSchema())
                && record.value() instanceof Struct;
    }

    /** An entry with Source, DetailType, Detail, Time and Resources set; the caller adds the bus and trace header. */
    PutEventsRequestEntry.Builder map(SinkRecord record) {
        Struct event = (Struct) record.value();
        EventBridgeEvent mapped;
        String detail;
        try {
            if (mode == CloudEventsMode.DETAIL) {
                detail = CloudEventJson.write(event, record.topic());
                mapped = null;
            } else {
                mapped = EventBridgeCloudEvents.fromCloudEvent(event);
                detail = mapped.detail();
            }
        } catch (DataException e) {
            throw new MappingException(e.getMessage(), e);
        }
        PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
                .source(event.getString(CloudEventSchema.SOURCE))
                .detailType(event.getString(CloudEventSchema.TYPE))
                .detail(detail);
        String time = event.getString(CloudEventSchema.TIME);
        if (time != null) {
            entry.time(parseTime(time, event));
        }
        if (mapped != null && !mapped.resources().isEmpty()) {
            entry.resources(mapped.resources());
        }
        return entry;
    }

    private static Instant parseTime(String time, Struct event) {
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MappingException(
                    "CloudEvent " + event.getString(CloudEventSchema.ID) + " has time '" + time
                            + "', which is not an RFC 3339 timestamp",
                    e);
        }
    }
}
