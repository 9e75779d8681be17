package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.types.Time;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Moves attributes between the SDK's {@link CloudEvent} and the Connect {@link CloudEventSchema} Struct. */
public final class CloudEventStructs {
    private CloudEventStructs() {}

    /** The Struct of an event whose data has already been turned into a Connect value. */
    public static Struct toStruct(CloudEvent event, SchemaAndValue data) {
        Schema schema = CloudEventSchema.withData(data.schema());
        Struct struct = new Struct(schema)
                .put(CloudEventSchema.SPECVERSION, event.getSpecVersion().toString())
                .put(CloudEventSchema.ID, event.getId())
                .put(CloudEventSchema.SOURCE, event.getSource().toString())
                .put(CloudEventSchema.TYPE, event.getType())
                .put(CloudEventSchema.DATACONTENTTYPE, event.getDataContentType())
                .put(
                        CloudEventSchema.DATASCHEMA,
                        event.getDataSchema() == null
                                ? null
                                : event.getDataSchema().toString())
                .put(CloudEventSchema.SUBJECT, event.getSubject())
                .put(CloudEventSchema.TIME, event.getTime() == null ? null : Time.writeTime(event.getTime()));
        if (!event.getExtensionNames().isEmpty()) {
            Map<String, String> extensions = new LinkedHashMap<>();
            for (String name : event.getExtensionNames()) {
                extensions.put(name, extensionText(event.getExtension(name)));
            }
            struct.put(CloudEventSchema.EXTENSIONS, extensions);
        }
        struct.put(CloudEventSchema.DATA, data.value());
        return struct;
    }

    /** An extension value in the string form the binding's headers use. */
    static String extensionText(Object value) {
        if (value instanceof OffsetDateTime t) {
            return Time.writeTime(t);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    /**
     * A builder with the attributes and extensions of a CloudEvent Struct (not its data).
     *
     * @throws DataException naming the attribute that is missing or malformed
     */
    public static CloudEventBuilder attributes(Struct struct, String topic) {
        return CloudEventBuilder.from(new StructEvent(
                struct,
                struct.getString(CloudEventSchema.DATACONTENTTYPE),
                struct.getString(CloudEventSchema.DATASCHEMA),
                null,
                topic));
    }
}
