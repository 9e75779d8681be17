package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that say which bus gets the events and how a record becomes a PutEvents entry. */
public final class EventConfig {
    public static final String TARGET_GROUP = "Target";
    public static final String MAPPING_GROUP = "Event mapping";

    public static final String CONNECTOR_ID_CONFIG = "aws.eventbridge.connector.id";
    public static final String CONNECTOR_ID_DOC = "ID of this connector, used in the default Source "
            + "kafka-connect.<connector.id>. Defaults to the connector's name. (AWS sink key.)";
    public static final String CONNECTOR_ID_DISPLAY = "Connector ID";

    public static final String EVENTBUS_ARN_CONFIG = "aws.eventbridge.eventbus.arn";
    public static final String EVENTBUS_ARN_DOC =
            "ARN of the target event bus, " + "arn:aws:events:<region>:<account>:event-bus/<name>. (AWS sink key.)";
    public static final String EVENTBUS_ARN_DISPLAY = "Event bus ARN";

    public static final String GLOBAL_ENDPOINT_ID_CONFIG = "aws.eventbridge.eventbus.global.endpoint.id";
    public static final String GLOBAL_ENDPOINT_ID_DOC = "Global endpoint ID (abcde.xyz) to send through "
            + "instead of the regional endpoint; requests are then signed with SigV4a. (AWS sink key.)";
    public static final String GLOBAL_ENDPOINT_ID_DISPLAY = "Global endpoint ID";

    public static final String DETAIL_TYPES_CONFIG = "aws.eventbridge.detail.types";
    public static final String DETAIL_TYPES_DOC = "DetailType of the events: one template for all topics "
            + "(kafka-connect-${topic}, my-type) or a per-topic list topic1:Type1,topic2:Type2, where topics "
            + "not listed get kafka-connect-${topic}. Ignored when event.detail.type is set. (AWS sink key.)";
    public static final String DETAIL_TYPES_DEFAULT = "kafka-connect-${topic}";
    public static final String DETAIL_TYPES_DISPLAY = "Detail types";

    public static final String DETAIL_TYPES_MAPPER_CONFIG = "aws.eventbridge.detail.types.mapper.class";
    public static final String DETAIL_TYPES_MAPPER_DOC = "AWS sink key. Only the AWS sink's "
            + "JsonPathDetailTypeMapper is understood: the DetailType is then read from the value at "
            + "aws.eventbridge.detail.types.jsonpathmapper.fieldref, falling back to the topic name when the "
            + "path is missing or not a string. Other mapper classes belong to the AWS sink's API and are "
            + "rejected by validation; use event.detail.type instead.";
    public static final String DETAIL_TYPES_MAPPER_DISPLAY = "Detail type mapper class (AWS sink)";
    public static final String AWS_JSON_PATH_MAPPER =
            "software.amazon.event.kafkaconnector.mapping.JsonPathDetailTypeMapper";

    public static final String DETAIL_TYPES_FIELDREF_CONFIG = "aws.eventbridge.detail.types.jsonpathmapper.fieldref";
    public static final String DETAIL_TYPES_FIELDREF_DOC =
            "JSON path into the value for the AWS sink's " + "JsonPathDetailTypeMapper. (AWS sink key.)";
    public static final String DETAIL_TYPES_FIELDREF_DISPLAY = "Detail type JSON path (AWS sink)";

    public static final String RESOURCES_CONFIG = "aws.eventbridge.eventbus.resources";
    public static final String RESOURCES_DOC = "Fixed Resources (comma-separated ARNs) added to every "
            + "event. (AWS sink key.) Combined with event.resources.";
    public static final String RESOURCES_DISPLAY = "Resources";

    public static final String SOURCE_CONFIG = "event.source";
    public static final String SOURCE_DOC = "Source of the events: a template (${topic}, ${partition}, "
            + "${offset}, ${key}, ${header:NAME}, ${json:$.path}, ${connector.id}) or a JSON path into the value "
            + "($.origin). Default: kafka-connect.${connector.id}, as the AWS sink.";
    public static final String SOURCE_DEFAULT = "kafka-connect.${connector.id}";
    public static final String SOURCE_DISPLAY = "Source";

    public static final String DETAIL_TYPE_CONFIG = "event.detail.type";
    public static final String DETAIL_TYPE_DOC = "DetailType of the events as a template or JSON path "
            + "(see event.source). When unset, aws.eventbridge.detail.types decides.";
    public static final String DETAIL_TYPE_DISPLAY = "DetailType";

    public static final String EVENT_RESOURCES_CONFIG = "event.resources";
    public static final String EVENT_RESOURCES_DOC = "Resources computed per record: a comma-separated list "
            + "of templates or JSON paths. Ones that resolve to nothing are left out.";
    public static final String EVENT_RESOURCES_DISPLAY = "Resources (per record)";

    public static final String TIME_CONFIG = "event.time";
    public static final String TIME_DOC = "Where the event Time comes from: none (EventBridge sets it on "
            + "receipt, as the AWS sink), kafka-timestamp, or field (event.time.field).";
    public static final String TIME_DEFAULT = "none";
    public static final String TIME_DISPLAY = "Time source";

    public static final String TIME_FIELD_CONFIG = "event.time.field";
    public static final String TIME_FIELD_DOC = "JSON path to the value field that holds the event time, "
            + "as ISO-8601 text or epoch milliseconds. Used with event.time=field; a record whose field is "
            + "missing or unreadable is sent without Time.";
    public static final String TIME_FIELD_DISPLAY = "Time field";

    public static final String TRACE_HEADER_CONFIG = "event.trace.header";
    public static final String TRACE_HEADER_DOC = "Record header whose value becomes the event TraceHeader "
            + "(an X-Ray trace header). Unset: no TraceHeader.";
    public static final String TRACE_HEADER_DISPLAY = "TraceHeader header";

    public static final String DETAIL_MODE_CONFIG = "event.detail.mode";
    public static final String DETAIL_MODE_DOC = "envelope: Detail is the AWS-sink-compatible envelope "
            + "{topic, partition, offset, timestamp, timestampType, headers, key, value}. value: Detail is the "
            + "record value alone (a non-object value is wrapped as {\"value\": ...}).";
    public static final String DETAIL_MODE_DEFAULT = "envelope";
    public static final String DETAIL_MODE_DISPLAY = "Detail mode";

    public static final String CLOUDEVENTS_MODE_CONFIG = "event.cloudevents.mode";
    public static final String CLOUDEVENTS_MODE_DOC = "For record values that are CloudEvents (value.converter "
            + "io.eventbridge.kafka.cloudevents.CloudEventsConverter): map (type -> DetailType, source -> Source, time -> "
            + "Time, data -> Detail, the 'resources' extension -> Resources), detail (the whole event in the JSON event "
            + "format as Detail, with DetailType and Source from type and source), or off (mapped like any other value).";
    public static final String CLOUDEVENTS_MODE_DEFAULT = "map";
    public static final String CLOUDEVENTS_MODE_DISPLAY = "CloudEvents mapping";

    public static final String TOMBSTONE_CONFIG = "tombstone.behavior";
    public static final String TOMBSTONE_DOC = "What a record with a null value becomes: send (an event "
            + "with \"value\": null in envelope mode, Detail {} in value mode) or skip (not sent; its offset is "
            + "committed and the tombstones-skipped metric counts it).";
    public static final String TOMBSTONE_DEFAULT = "send";
    public static final String TOMBSTONE_DISPLAY = "Tombstones";

    private EventConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        new ConfigGroup(def, TARGET_GROUP)
                .key(EVENTBUS_ARN_CONFIG, Type.STRING)
                .defaultValue(ConfigDef.NO_DEFAULT_VALUE)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.HIGH)
                .doc(EVENTBUS_ARN_DOC)
                .display(EVENTBUS_ARN_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(CONNECTOR_ID_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.HIGH)
                .doc(CONNECTOR_ID_DOC)
                .display(CONNECTOR_ID_DISPLAY)
                .define()
                .key(GLOBAL_ENDPOINT_ID_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(GLOBAL_ENDPOINT_ID_DOC)
                .display(GLOBAL_ENDPOINT_ID_DISPLAY)
                .define();
        EnumValues<TimeSource> times = EnumValues.of(TimeSource.class);
        EnumValues<DetailMode> modes = EnumValues.of(DetailMode.class);
        EnumValues<CloudEventsMode> cloudEvents = EnumValues.of(CloudEventsMode.class);
        EnumValues<TombstoneBehavior> tombstones = EnumValues.of(TombstoneBehavior.class);
        new ConfigGroup(def, MAPPING_GROUP)
                .key(SOURCE_CONFIG, Type.STRING)
                .defaultValue(SOURCE_DEFAULT)
                .importance(Importance.MEDIUM)
                .doc(SOURCE_DOC)
                .display(SOURCE_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(DETAIL_TYPE_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.MEDIUM)
                .doc(DETAIL_TYPE_DOC)
                .display(DETAIL_TYPE_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(DETAIL_TYPES_CONFIG, Type.STRING)
                .defaultValue(DETAIL_TYPES_DEFAULT)
                .importance(Importance.MEDIUM)
                .doc(DETAIL_TYPES_DOC)
                .display(DETAIL_TYPES_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(DETAIL_TYPES_MAPPER_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(DETAIL_TYPES_MAPPER_DOC)
                .display(DETAIL_TYPES_MAPPER_DISPLAY)
                .width(Width.LONG)
                .dependents(DETAIL_TYPES_FIELDREF_CONFIG)
                .define()
                .key(DETAIL_TYPES_FIELDREF_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(DETAIL_TYPES_FIELDREF_DOC)
                .display(DETAIL_TYPES_FIELDREF_DISPLAY)
                .define()
                .key(RESOURCES_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.LOW)
                .doc(RESOURCES_DOC)
                .display(RESOURCES_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(EVENT_RESOURCES_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.LOW)
                .doc(EVENT_RESOURCES_DOC)
                .display(EVENT_RESOURCES_DISPLAY)
                .width(Width.LONG)
                .define()
                .key(TIME_CONFIG, Type.STRING)
                .defaultValue(TIME_DEFAULT)
                .validator(times)
                .recommender(times)
                .importance(Importance.LOW)
                .doc(TIME_DOC)
                .display(TIME_DISPLAY)
                .dependents(TIME_FIELD_CONFIG)
                .define()
                .key(TIME_FIELD_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(TIME_FIELD_DOC)
                .display(TIME_FIELD_DISPLAY)
                .define()
                .key(TRACE_HEADER_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(TRACE_HEADER_DOC)
                .display(TRACE_HEADER_DISPLAY)
                .define()
                .key(DETAIL_MODE_CONFIG, Type.STRING)
                .defaultValue(DETAIL_MODE_DEFAULT)
                .validator(modes)
                .recommender(modes)
                .importance(Importance.MEDIUM)
                .doc(DETAIL_MODE_DOC)
                .display(DETAIL_MODE_DISPLAY)
                .define()
                .key(CLOUDEVENTS_MODE_CONFIG, Type.STRING)
                .defaultValue(CLOUDEVENTS_MODE_DEFAULT)
                .validator(cloudEvents)
                .recommender(cloudEvents)
                .importance(Importance.MEDIUM)
                .doc(CLOUDEVENTS_MODE_DOC)
                .display(CLOUDEVENTS_MODE_DISPLAY)
                .define()
                .key(TOMBSTONE_CONFIG, Type.STRING)
                .defaultValue(TOMBSTONE_DEFAULT)
                .validator(tombstones)
                .recommender(tombstones)
                .importance(Importance.MEDIUM)
                .doc(TOMBSTONE_DOC)
                .display(TOMBSTONE_DISPLAY)
                .define();
        return def;
    }
}
