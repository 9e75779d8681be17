package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.rw.CloudEventContextWriter;
import io.cloudevents.rw.CloudEventWriter;
import io.cloudevents.rw.CloudEventWriterFactory;
import io.eventbridge.kafka.cloudevents.binding.Rfc3339;
import io.eventbridge.kafka.cloudevents.binding.UriReferences;
import io.eventbridge.kafka.cloudevents.data.DataCodecs;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Receives an event from the SDK's message readers, attribute by attribute, and builds the
 * {@link CloudEventSchema} Struct from it. Attributes keep the text they arrived with (a binary-mode time
 * header is stored as sent); required attributes, the time syntax and URI references are checked.
 */
final class StructWriter implements CloudEventWriter<Struct> {
    private final String topic;
    private final DataCodecs codecs;
    private final SpecVersion specVersion;
    private String id;
    private String source;
    private String type;
    private String dataContentType;
    private String dataSchema;
    private String subject;
    private String time;
    private Map<String, String> extensions;

    /** Makes one writer per event. */
    static CloudEventWriterFactory<StructWriter, Struct> factory(String topic, DataCodecs codecs) {
        return version -> new StructWriter(topic, codecs, version);
    }

    private StructWriter(String topic, DataCodecs codecs, SpecVersion specVersion) {
        this.topic = topic;
        this.codecs = codecs;
        this.specVersion = specVersion;
    }

    @Override
    public CloudEventContextWriter withContextAttribute(String name, String value) {
        switch (name) {
            case CloudEventSchema.ID -> id = value;
            case CloudEventSchema.SOURCE -> source = value;
            case CloudEventSchema.TYPE -> type = value;
            case CloudEventSchema.DATACONTENTTYPE -> dataContentType = value;
            case CloudEventSchema.DATASCHEMA -> dataSchema = value;
            case CloudEventSchema.SUBJECT -> subject = value;
            case CloudEventSchema.TIME -> time = value;
            case CloudEventSchema.SPECVERSION -> {
                // given to the factory
            }
            default -> {
                if (extensions == null) {
                    extensions = new LinkedHashMap<>();
                }
                extensions.put(name, value);
            }
        }
        return this;
    }

    @Override
    public Struct end(CloudEventData data) {
        return build(codecs.decode(topic, data, dataContentType, dataSchema));
    }

    @Override
    public Struct end() {
        return build(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, null));
    }

    private Struct build(SchemaAndValue data) {
        required(CloudEventSchema.ID, id);
        required(CloudEventSchema.SOURCE, source);
        required(CloudEventSchema.TYPE, type);
        checkUri(CloudEventSchema.SOURCE, source);
        if (dataSchema != null) {
            checkUri(CloudEventSchema.DATASCHEMA, dataSchema);
        }
        if (time != null && !Rfc3339.isValid(time)) {
            throw new DataException("The CloudEvent " + id + " on topic " + topic + " has time '" + time
                    + "', which is not an RFC 3339 timestamp");
        }
        return new Struct(CloudEventSchema.withData(data.schema()))
                .put(CloudEventSchema.SPECVERSION, specVersion.toString())
                .put(CloudEventSchema.ID, id)
                .put(CloudEventSchema.SOURCE, source)
                .put(CloudEventSchema.TYPE, type)
                .put(CloudEventSchema.DATACONTENTTYPE, dataContentType)
                .put(CloudEventSchema.DATASCHEMA, dataSchema)
                .put(CloudEventSchema.SUBJECT, subject)
                .put(CloudEventSchema.TIME, time)
                .put(CloudEventSchema.EXTENSIONS, extensions)
                .put(CloudEventSchema.DATA, data.value());
    }

    private void required(String attribute, String value) {
        if (value == null || value.isEmpty()) {
            throw new DataException("The CloudEvent on topic " + topic + " has no '" + attribute
                    + "' attribute, which the spec requires");
        }
    }

    private void checkUri(String attribute, String value) {
        try {
            UriReferences.parse(value);
        } catch (URISyntaxException e) {
            throw new DataException("The CloudEvent " + id + " on topic " + topic + " has " + attribute + " '" + value
                    + "', which is not a URI reference: " + e.getReason());
        }
    }
}
