package io.eventbridge.kafka.cloudevents.config;

import io.eventbridge.kafka.cloudevents.data.DataFormat;
import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of {@link io.eventbridge.kafka.cloudevents.CloudEventsConverter}, given with the converter's prefix
 * ({@code value.converter.encoding=structured}). The Glue settings of the avro data format are in
 * {@link GlueConfig}.
 */
public final class CloudEventsConverterConfig extends AbstractConfig {
    public static final String FORMAT_GROUP = "CloudEvents format";
    public static final String ATTRIBUTES_GROUP = "Attributes of records that are not CloudEvents yet";

    public static final String ENCODING_CONFIG = "encoding";
    public static final String ENCODING_DOC = "How events are written: 'binary' puts the attributes in ce_ headers "
            + "and the data alone in the record value; 'structured' writes the whole event as JSON "
            + "(content-type application/cloudevents+json). Reading detects the mode of each record from its headers.";
    public static final String ENCODING_DEFAULT = "binary";
    public static final String ENCODING_DISPLAY = "Content mode";

    public static final String DATA_FORMAT_CONFIG = "data.format";
    public static final String DATA_FORMAT_DOC = "Format of the data written: 'json' (application/json), 'text' "
            + "(text/plain), 'bytes' (application/octet-stream), or 'avro' through the AWS Glue Schema Registry "
            + "(application/avro, dataschema naming the schema version). Reading picks the format from each event's "
            + "datacontenttype.";
    public static final String DATA_FORMAT_DEFAULT = "json";
    public static final String DATA_FORMAT_DISPLAY = "Data format";

    public static final String ID_CONFIG = "ce.id";
    public static final String ID_DOC = "Template of the id attribute of records that are not CloudEvents yet. "
            + "Placeholders: ${uuid} (a random UUID), ${topic}, ${header:NAME}, ${json:$.path} (a value field), "
            + "${schema.name}.";
    public static final String ID_DEFAULT = "${uuid}";
    public static final String ID_DISPLAY = "id template";

    public static final String SOURCE_CONFIG = "ce.source";
    public static final String SOURCE_DOC = "Template of the source attribute (a URI reference) of records that are "
            + "not CloudEvents yet; placeholders as for ce.id.";
    public static final String SOURCE_DEFAULT = "/kafka/${topic}";
    public static final String SOURCE_DISPLAY = "source template";

    public static final String TYPE_CONFIG = "ce.type";
    public static final String TYPE_DOC = "Template of the type attribute of records that are not CloudEvents yet, "
            + "e.g. a fixed 'com.example.order.created', '${json:$.kind}' or '${schema.name}'.";
    public static final String TYPE_DEFAULT = "${topic}";
    public static final String TYPE_DISPLAY = "type template";

    public static final String SUBJECT_CONFIG = "ce.subject";
    public static final String SUBJECT_DOC = "Template of the subject attribute; empty leaves it unset. A template "
            + "whose placeholder has no value leaves it unset too.";
    public static final String SUBJECT_DEFAULT = "";
    public static final String SUBJECT_DISPLAY = "subject template";

    public static final String TIME_CONFIG = "ce.time";
    public static final String TIME_DOC = "The time attribute: 'now' (when the record is converted), 'none', or a "
            + "template such as '${json:$.createdAt}' or '${header:NAME}' whose value is an RFC 3339 timestamp or "
            + "epoch milliseconds. Converters do not see the record timestamp; the RecordTimestampHeader transform "
            + "copies it into a header that '${header:NAME}' can read.";
    public static final String TIME_DEFAULT = "now";
    public static final String TIME_DISPLAY = "time source";

    public static final String EXTENSION_HEADERS_CONFIG = "ce.extensions.headers";
    public static final String EXTENSION_HEADERS_DOC = "Record headers copied into extension attributes, each "
            + "'header' (the extension gets the header's name) or 'header=extension'. Extension names are lower-case "
            + "letters and digits.";
    public static final String EXTENSION_HEADERS_DISPLAY = "Extensions from headers";

    public static final EnumValues<Encoding> ENCODINGS = EnumValues.of(Encoding.class);
    public static final EnumValues<DataFormat> DATA_FORMATS = EnumValues.of(DataFormat.class);

    static final TemplateValidator TEMPLATE = new TemplateValidator();

    public static final ConfigDef CONFIG_DEF = configDef();

    public CloudEventsConverterConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup format = new ConfigGroup(def, FORMAT_GROUP);
        format.key(ENCODING_CONFIG, Type.STRING)
                .defaultValue(ENCODING_DEFAULT)
                .validator(ENCODINGS)
                .recommender(ENCODINGS)
                .importance(Importance.HIGH)
                .doc(ENCODING_DOC)
                .display(ENCODING_DISPLAY)
                .define();
        format.key(DATA_FORMAT_CONFIG, Type.STRING)
                .defaultValue(DATA_FORMAT_DEFAULT)
                .validator(DATA_FORMATS)
                .recommender(DATA_FORMATS)
                .importance(Importance.HIGH)
                .doc(DATA_FORMAT_DOC)
                .display(DATA_FORMAT_DISPLAY)
                .define();
        ConfigGroup attributes = new ConfigGroup(def, ATTRIBUTES_GROUP);
        attributes
                .key(ID_CONFIG, Type.STRING)
                .defaultValue(ID_DEFAULT)
                .validator(TEMPLATE)
                .importance(Importance.MEDIUM)
                .doc(ID_DOC)
                .display(ID_DISPLAY)
                .define();
        attributes
                .key(SOURCE_CONFIG, Type.STRING)
                .defaultValue(SOURCE_DEFAULT)
                .validator(TEMPLATE)
                .importance(Importance.MEDIUM)
                .doc(SOURCE_DOC)
                .display(SOURCE_DISPLAY)
                .define();
        attributes
                .key(TYPE_CONFIG, Type.STRING)
                .defaultValue(TYPE_DEFAULT)
                .validator(TEMPLATE)
                .importance(Importance.MEDIUM)
                .doc(TYPE_DOC)
                .display(TYPE_DISPLAY)
                .define();
        attributes
                .key(SUBJECT_CONFIG, Type.STRING)
                .defaultValue(SUBJECT_DEFAULT)
                .validator(TEMPLATE)
                .importance(Importance.LOW)
                .doc(SUBJECT_DOC)
                .display(SUBJECT_DISPLAY)
                .define();
        attributes
                .key(TIME_CONFIG, Type.STRING)
                .defaultValue(TIME_DEFAULT)
                .importance(Importance.LOW)
                .doc(TIME_DOC)
                .display(TIME_DISPLAY)
                .define();
        attributes
                .key(EXTENSION_HEADERS_CONFIG, Type.LIST)
                .defaultValue(List.of())
                .importance(Importance.LOW)
                .doc(EXTENSION_HEADERS_DOC)
                .display(EXTENSION_HEADERS_DISPLAY)
                .define();
        GlueConfig.addTo(def);
        return def;
    }

    public Encoding encoding() {
        return ENCODINGS.parse(getString(ENCODING_CONFIG));
    }

    public DataFormat dataFormat() {
        return DATA_FORMATS.parse(getString(DATA_FORMAT_CONFIG));
    }
}
