package io.eventbridge.kafka.cloudevents;

import io.cloudevents.jackson.JsonFormat;
import io.eventbridge.kafka.cloudevents.data.JsonDataCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** A CloudEvent Struct in the JSON event format, e.g. as the Detail of a structured CloudEvent on EventBridge. */
public final class CloudEventJson {
    private static final JsonFormat FORMAT = new JsonFormat();
    private static final JsonDataCodec JSON_DATA = new JsonDataCodec();

    private CloudEventJson() {}

    /** @throws DataException naming what is wrong with the event */
    public static String write(Struct event, String topic) {
        try {
            return new String(FORMAT.serialize(EventData.event(event, JSON_DATA, topic)), StandardCharsets.UTF_8);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(
                    "CloudEvent " + event.getString(CloudEventSchema.ID) + " for topic " + topic
                            + " cannot be written as JSON: " + e.getMessage(),
                    e);
        }
    }
}
