package io.eventbridge.kafka.cloudevents;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The one Connect schema of a CloudEvent, as {@link CloudEventsConverter#toConnectData} returns it and
 * as the sink recognises it.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>schema</th><th>notes</th></tr>
 *   <tr><td>specversion, id, source, type</td><td>string</td><td>required by the spec</td></tr>
 *   <tr><td>datacontenttype, dataschema, subject</td><td>optional string</td><td></td></tr>
 *   <tr><td>time</td><td>optional string</td><td>RFC 3339, kept verbatim so no offset or fraction is lost</td></tr>
 *   <tr><td>extensions</td><td>optional map&lt;string,string&gt;</td><td>every extension in its string form</td></tr>
 *   <tr><td>data</td><td>optional string or bytes, or the typed schema of the data</td><td>JSON and text data are strings,
 *       Avro data is typed, anything else is bytes</td></tr>
 * </table>
 */
public final class CloudEventSchema {
    public static final String NAME = "io.eventbridge.kafka.cloudevents.CloudEvent";
    public static final int VERSION = 1;

    public static final String SPECVERSION = "specversion";
    public static final String ID = "id";
    public static final String SOURCE = "source";
    public static final String TYPE = "type";
    public static final String DATACONTENTTYPE = "datacontenttype";
    public static final String DATASCHEMA = "dataschema";
    public static final String SUBJECT = "subject";
    public static final String TIME = "time";
    public static final String EXTENSIONS = "extensions";
    public static final String DATA = "data";

    public static final Schema EXTENSIONS_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
            .optional()
            .build();

    /** The schema of an event whose data is text or JSON. */
    public static final Schema WITH_STRING_DATA = build(Schema.OPTIONAL_STRING_SCHEMA);
    /** The schema of an event whose data is bytes, or that has no data. */
    public static final Schema WITH_BYTES_DATA = build(Schema.OPTIONAL_BYTES_SCHEMA);

    private static final Map<Schema, Schema> TYPED = new ConcurrentHashMap<>();
    private static final int TYPED_CACHE_LIMIT = 1_000;

    private CloudEventSchema() {}

    /**
     * The CloudEvent schema whose data field has the given schema. An event without data uses
     * {@link #WITH_BYTES_DATA} (or {@link #WITH_STRING_DATA}), whose data field is optional.
     */
    public static Schema withData(Schema dataSchema) {
        if (dataSchema == null || dataSchema.equals(Schema.OPTIONAL_BYTES_SCHEMA)) {
            return WITH_BYTES_DATA;
        }
        if (dataSchema.equals(Schema.OPTIONAL_STRING_SCHEMA)) {
            return WITH_STRING_DATA;
        }
        Schema cached = TYPED.get(dataSchema);
        if (cached != null) {
            return cached;
        }
        Schema built = build(dataSchema);
        if (TYPED.size() < TYPED_CACHE_LIMIT) {
            TYPED.put(dataSchema, built);
        }
        return built;
    }

    /** True for a Struct schema made by this class. */
    public static boolean isCloudEvent(Schema schema) {
        return schema != null && schema.type() == Schema.Type.STRUCT && NAME.equals(schema.name());
    }

    private static Schema build(Schema dataSchema) {
        return SchemaBuilder.struct()
                .name(NAME)
                .version(VERSION)
                .doc("A CloudEvent (spec 1.0): context attributes, extensions as strings, and data")
                .field(SPECVERSION, Schema.STRING_SCHEMA)
                .field(ID, Schema.STRING_SCHEMA)
                .field(SOURCE, Schema.STRING_SCHEMA)
                .field(TYPE, Schema.STRING_SCHEMA)
                .field(DATACONTENTTYPE, Schema.OPTIONAL_STRING_SCHEMA)
                .field(DATASCHEMA, Schema.OPTIONAL_STRING_SCHEMA)
                .field(SUBJECT, Schema.OPTIONAL_STRING_SCHEMA)
                .field(TIME, Schema.OPTIONAL_STRING_SCHEMA)
                .field(EXTENSIONS, EXTENSIONS_SCHEMA)
                .field(DATA, dataSchema)
                .build();
    }
}
