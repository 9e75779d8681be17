package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.rw.CloudEventContextReader;
import io.cloudevents.rw.CloudEventContextWriter;
import io.cloudevents.rw.CloudEventDataMapper;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.rw.CloudEventReader;
import io.cloudevents.rw.CloudEventWriter;
import io.cloudevents.rw.CloudEventWriterFactory;
import io.cloudevents.types.Time;
import io.eventbridge.kafka.cloudevents.binding.Rfc3339;
import io.eventbridge.kafka.cloudevents.binding.UriReferences;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A CloudEvent Struct seen as the SDK's {@link CloudEvent}, checked once and then handed to the SDK's
 * writers attribute by attribute as the text it holds: the binding writes headers or JSON members from it
 * without parsing times or URIs only to print them again.
 */
final class StructEvent implements CloudEvent, CloudEventReader, CloudEventContextReader {
    private final SpecVersion specVersion;
    private final String id;
    private final String source;
    private final String type;
    private final String subject;
    private final String time;
    private final String dataSchema;
    private final String dataContentType;
    private final Map<String, String> extensions;
    private final CloudEventData data;

    /**
     * @param data the event's data as bytes, or null
     * @throws DataException naming the attribute that is missing or malformed
     */
    StructEvent(Struct struct, String dataContentType, String dataSchema, byte[] data, String topic) {
        String version = struct.getString(CloudEventSchema.SPECVERSION);
        try {
            this.specVersion = SpecVersion.parse(version);
        } catch (RuntimeException e) {
            throw new DataException("The CloudEvent for topic " + topic + " has specversion '" + version
                    + "'; supported are 1.0 and 0.3");
        }
        this.id = required(struct, CloudEventSchema.ID, topic);
        this.source = uri(required(struct, CloudEventSchema.SOURCE, topic), CloudEventSchema.SOURCE, topic);
        this.type = required(struct, CloudEventSchema.TYPE, topic);
        this.subject = struct.getString(CloudEventSchema.SUBJECT);
        Object t = struct.get(CloudEventSchema.TIME);
        this.time = t == null
                ? null
                : t instanceof java.util.Date date ? date.toInstant().toString() : checkedTime(t.toString(), topic);
        this.dataSchema = dataSchema == null ? null : uri(dataSchema, CloudEventSchema.DATASCHEMA, topic);
        this.dataContentType = dataContentType;
        Map<String, String> ext = struct.getMap(CloudEventSchema.EXTENSIONS);
        this.extensions = ext == null ? Map.of() : ext;
        for (String name : extensions.keySet()) {
            if (!validExtensionName(name)) {
                throw new DataException("The CloudEvent for topic " + topic + " has an invalid extension name '" + name
                        + "': extension names are lower-case letters and digits");
            }
        }
        this.data = data == null ? null : BytesCloudEventData.wrap(data);
    }

    private static boolean validExtensionName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static String required(Struct struct, String field, String topic) {
        String value = struct.getString(field);
        if (value == null || value.isEmpty()) {
            throw new DataException(
                    "The CloudEvent for topic " + topic + " has no '" + field + "' attribute, which the spec requires");
        }
        return value;
    }

    private static String uri(String value, String attribute, String topic) {
        try {
            UriReferences.parse(value);
            return value;
        } catch (URISyntaxException e) {
            throw new DataException("The CloudEvent attribute '" + attribute + "' for topic " + topic + " is '" + value
                    + "', which is not a URI reference: " + e.getReason());
        }
    }

    private static String checkedTime(String value, String topic) {
        if (!Rfc3339.isValid(value)) {
            throw new DataException("The CloudEvent attribute 'time' for topic " + topic + " is '" + value
                    + "', which is not an RFC 3339 timestamp");
        }
        return value;
    }

    @Override
    public <W extends CloudEventWriter<R>, R> R read(
            CloudEventWriterFactory<W, R> writerFactory, CloudEventDataMapper<? extends CloudEventData> mapper) {
        W writer = writerFactory.create(specVersion);
        readContext(writer);
        if (data == null) {
            return writer.end();
        }
        return writer.end(mapper == null ? data : mapper.map(data));
    }

    @Override
    public void readContext(CloudEventContextWriter writer) throws CloudEventRWException {
        writer.withContextAttribute(CloudEventSchema.ID, id);
        writer.withContextAttribute(CloudEventSchema.SOURCE, source);
        writer.withContextAttribute(CloudEventSchema.TYPE, type);
        if (dataContentType != null) {
            writer.withContextAttribute(CloudEventSchema.DATACONTENTTYPE, dataContentType);
        }
        if (dataSchema != null) {
            writer.withContextAttribute(CloudEventSchema.DATASCHEMA, dataSchema);
        }
        if (subject != null) {
            writer.withContextAttribute(CloudEventSchema.SUBJECT, subject);
        }
        if (time != null) {
            writer.withContextAttribute(CloudEventSchema.TIME, time);
        }
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            writer.withContextAttribute(e.getKey(), e.getValue());
        }
    }

    @Override
    public CloudEventData getData() {
        return data;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return specVersion;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public URI getSource() {
        return URI.create(source);
    }

    @Override
    public String getDataContentType() {
        return dataContentType;
    }

    @Override
    public URI getDataSchema() {
        return dataSchema == null ? null : URI.create(dataSchema);
    }

    @Override
    public String getSubject() {
        return subject;
    }

    @Override
    public OffsetDateTime getTime() {
        return time == null ? null : Time.parseTime(time);
    }

    @Override
    public Object getAttribute(String name) {
        return switch (name) {
            case CloudEventSchema.SPECVERSION -> specVersion;
            case CloudEventSchema.ID -> id;
            case CloudEventSchema.SOURCE -> getSource();
            case CloudEventSchema.TYPE -> type;
            case CloudEventSchema.DATACONTENTTYPE -> dataContentType;
            case CloudEventSchema.DATASCHEMA -> getDataSchema();
            case CloudEventSchema.SUBJECT -> subject;
            case CloudEventSchema.TIME -> getTime();
            default -> throw new IllegalArgumentException("not a context attribute: " + name);
        };
    }

    @Override
    public Object getExtension(String name) {
        return extensions.get(name);
    }

    @Override
    public Set<String> getExtensionNames() {
        return extensions.keySet();
    }
}
