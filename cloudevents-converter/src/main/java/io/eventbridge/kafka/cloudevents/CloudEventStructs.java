package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.types.Time;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Moves attributes between the SDK's {@link CloudEvent} and the Connect {@link CloudEventSchema} Struct. */
public final class CloudEventStructs {
    private CloudEventStructs() {
    }

    /** The Struct of an event whose data has already been turned into a Connect value. */
    public static Struct toStruct(CloudEvent event, SchemaAndValue data) {
        Schema schema = CloudEventSchema.withData(data.schema());
        Struct struct = new Struct(schema)
            .put(CloudEventSchema.SPECVERSION, event.getSpecVersion().toString())
            .put(CloudEventSchema.ID, event.getId())
            .put(CloudEventSchema.SOURCE, event.getSource().toString())
            .put(CloudEventSchema.TYPE, event.getType())
            .put(CloudEventSchema.DATACONTENTTYPE, event.getDataContentType())
            .put(CloudEventSchema.DATASCHEMA, event.getDataSchema() == null ? null : event.getDataSchema().toString())
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
        String specVersion = struct.getString(CloudEventSchema.SPECVERSION);
        CloudEventBuilder builder;
        try {
            builder = CloudEventBuilder.fromSpecVersion(SpecVersion.parse(specVersion));
        } catch (RuntimeException e) {
            throw new DataException("The CloudEvent for topic " + topic + " has specversion '" + specVersion
                + "'; supported are 1.0 and 0.3");
        }
        builder.withId(required(struct, CloudEventSchema.ID, topic))
            .withSource(uri(required(struct, CloudEventSchema.SOURCE, topic), CloudEventSchema.SOURCE, topic))
            .withType(required(struct, CloudEventSchema.TYPE, topic));
        String subject = struct.getString(CloudEventSchema.SUBJECT);
        if (subject != null) {
            builder.withSubject(subject);
        }
        String dataSchema = struct.getString(CloudEventSchema.DATASCHEMA);
        if (dataSchema != null) {
            builder.withDataSchema(uri(dataSchema, CloudEventSchema.DATASCHEMA, topic));
        }
        Object time = struct.get(CloudEventSchema.TIME);
        if (time != null) {
            builder.withTime(time(time, topic));
        }
        Map<String, String> extensions = struct.getMap(CloudEventSchema.EXTENSIONS);
        if (extensions != null) {
            extensions.forEach((name, value) -> {
                try {
                    builder.withExtension(name, value);
                } catch (RuntimeException e) {
                    throw new DataException("The CloudEvent for topic " + topic + " has an invalid extension '"
                        + name + "': " + e.getMessage(), e);
                }
            });
        }
        return builder;
    }

    private static String required(Struct struct, String field, String topic) {
        String value = struct.getString(field);
        if (value == null || value.isEmpty()) {
            throw new DataException("The CloudEvent for topic " + topic + " has no '" + field
                + "' attribute, which the spec requires");
        }
        return value;
    }

    private static URI uri(String value, String attribute, String topic) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new DataException("The CloudEvent attribute '" + attribute + "' for topic " + topic + " is '"
                + value + "', which is not a URI reference: " + e.getReason());
        }
    }

    private static OffsetDateTime time(Object value, String topic) {
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC);
        }
        try {
            return Time.parseTime(value.toString());
        } catch (RuntimeException e) {
            throw new DataException("The CloudEvent attribute 'time' for topic " + topic + " is '" + value
                + "', which is not an RFC 3339 timestamp", e);
        }
    }
}
