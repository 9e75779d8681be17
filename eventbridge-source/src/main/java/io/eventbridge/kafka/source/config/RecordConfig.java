package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How an event becomes a record: topic, routing rules, key, value, schema, and what is malformed. */
public final class RecordConfig {
    public static final String GROUP = "Records";
    public static final String ROUTING_GROUP = "Routing";
    public static final String ERRORS_GROUP = "Bodies that are not events";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Topic of every event no routing rule claims: a name or a template with "
            + "${source} and ${detail-type}, e.g. 'eventbridge.${source}'. Characters Kafka does not allow in topic "
            + "names become '_'.";
    public static final String TOPIC_DISPLAY = "Topic (template)";

    public static final String ROUTES_CONFIG = "routes";
    public static final String ROUTES_DOC = "Names of routing rules, in the order they are tried. Rule NAME has "
            + "route.NAME.pattern (an EventBridge event pattern, matched with AWS event-ruler) and route.NAME.topic "
            + "(a topic template). The first rule whose pattern matches decides the topic; no match uses 'topic'.";
    public static final String ROUTES_DISPLAY = "Routing rules";

    public static final String KEY_MODE_CONFIG = "key.mode";
    public static final String KEY_MODE_DOC = "Record key: auto (MessageGroupId on FIFO queues, so per-group order "
            + "is kept end to end; the event id on standard queues), id, message-group-id, detail-path "
            + "(key.detail.path), or none.";
    public static final String KEY_MODE_DEFAULT = "auto";
    public static final String KEY_MODE_DISPLAY = "Key";

    public static final String KEY_PATH_CONFIG = "key.detail.path";
    public static final String KEY_PATH_DOC = "JSON path into the detail for key.mode=detail-path, e.g. $.orderId.";
    public static final String KEY_PATH_DISPLAY = "Key detail path";

    public static final String VALUE_MODE_CONFIG = "value.mode";
    public static final String VALUE_MODE_DOC = "Record value: envelope (the whole event), detail (the detail "
            + "alone), or cloudevent (a CloudEvent Struct; use value.converter "
            + "io.eventbridge.kafka.cloudevents.CloudEventsConverter).";
    public static final String VALUE_MODE_DEFAULT = "envelope";
    public static final String VALUE_MODE_DISPLAY = "Value";

    public static final String SCHEMA_MODE_CONFIG = "schema.mode";
    public static final String SCHEMA_MODE_DOC = "none: schemaless maps. infer: a Connect schema inferred per "
            + "detail-type from the JSON, widened as new fields appear (new fields optional; int -> long -> double; a "
            + "value that does not fit its field's type goes as JSON text to an added <field>_json field), so that every "
            + "version can read the ones before it. Records keep the inferred shape in their source offsets, and a "
            + "restarted task goes on from it.";
    public static final String SCHEMA_MODE_DEFAULT = "none";
    public static final String SCHEMA_MODE_DISPLAY = "Value schema";

    public static final String NON_ENVELOPE_CONFIG = "non.envelope.behavior";
    public static final String NON_ENVELOPE_DOC = "A body that is not an EventBridge event (from an input "
            + "transformer, or a producer writing to the queue directly): wrap (an event with the SQS message id, "
            + "fallback.source, fallback.detail.type and the body as detail) or malformed.";
    public static final String NON_ENVELOPE_DEFAULT = "wrap";
    public static final String NON_ENVELOPE_DISPLAY = "Non-envelope bodies";

    public static final String FALLBACK_SOURCE_CONFIG = "fallback.source";
    public static final String FALLBACK_SOURCE_DOC = "Source of wrapped non-envelope bodies.";
    public static final String FALLBACK_SOURCE_DEFAULT = "aws.sqs";
    public static final String FALLBACK_SOURCE_DISPLAY = "Fallback source";

    public static final String FALLBACK_DETAIL_TYPE_CONFIG = "fallback.detail.type";
    public static final String FALLBACK_DETAIL_TYPE_DOC = "Detail-type of wrapped non-envelope bodies.";
    public static final String FALLBACK_DETAIL_TYPE_DEFAULT = "SQS Message";
    public static final String FALLBACK_DETAIL_TYPE_DISPLAY = "Fallback detail-type";

    public static final String MALFORMED_CONFIG = "malformed.behavior";
    public static final String MALFORMED_DOC = "A body that cannot become a record: dead-letter (written to "
            + "dead.letter.topic with the raw body and reason headers, then deleted) or leave (left in the queue for its "
            + "redrive policy).";
    public static final String MALFORMED_DEFAULT = "dead-letter";
    public static final String MALFORMED_DISPLAY = "Malformed bodies";

    public static final String DLQ_TOPIC_CONFIG = "dead.letter.topic";
    public static final String DLQ_TOPIC_DOC = "Topic for malformed bodies (malformed.behavior=dead-letter).";
    public static final String DLQ_TOPIC_DISPLAY = "Dead-letter topic";

    public static final EnumValues<KeyMode> KEY_MODES = EnumValues.of(KeyMode.class);
    public static final EnumValues<ValueMode> VALUE_MODES = EnumValues.of(ValueMode.class);
    public static final EnumValues<SchemaMode> SCHEMA_MODES = EnumValues.of(SchemaMode.class);
    public static final EnumValues<NonEnvelopeBehavior> NON_ENVELOPE = EnumValues.of(NonEnvelopeBehavior.class);
    public static final EnumValues<MalformedBehavior> MALFORMED = EnumValues.of(MalformedBehavior.class);

    private RecordConfig() {}

    static void addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(TOPIC_CONFIG, Type.STRING)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.HIGH)
                .doc(TOPIC_DOC)
                .display(TOPIC_DISPLAY)
                .define()
                .key(KEY_MODE_CONFIG, Type.STRING)
                .defaultValue(KEY_MODE_DEFAULT)
                .validator(KEY_MODES)
                .recommender(KEY_MODES)
                .importance(Importance.MEDIUM)
                .doc(KEY_MODE_DOC)
                .display(KEY_MODE_DISPLAY)
                .dependents(KEY_PATH_CONFIG)
                .define()
                .key(KEY_PATH_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(KEY_PATH_DOC)
                .display(KEY_PATH_DISPLAY)
                .define()
                .key(VALUE_MODE_CONFIG, Type.STRING)
                .defaultValue(VALUE_MODE_DEFAULT)
                .validator(VALUE_MODES)
                .recommender(VALUE_MODES)
                .importance(Importance.MEDIUM)
                .doc(VALUE_MODE_DOC)
                .display(VALUE_MODE_DISPLAY)
                .define()
                .key(SCHEMA_MODE_CONFIG, Type.STRING)
                .defaultValue(SCHEMA_MODE_DEFAULT)
                .validator(SCHEMA_MODES)
                .recommender(SCHEMA_MODES)
                .importance(Importance.MEDIUM)
                .doc(SCHEMA_MODE_DOC)
                .display(SCHEMA_MODE_DISPLAY)
                .define();
        new ConfigGroup(def, ROUTING_GROUP)
                .key(ROUTES_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.MEDIUM)
                .doc(ROUTES_DOC)
                .display(ROUTES_DISPLAY)
                .width(Width.LONG)
                .define();
        new ConfigGroup(def, ERRORS_GROUP)
                .key(NON_ENVELOPE_CONFIG, Type.STRING)
                .defaultValue(NON_ENVELOPE_DEFAULT)
                .validator(NON_ENVELOPE)
                .recommender(NON_ENVELOPE)
                .importance(Importance.MEDIUM)
                .doc(NON_ENVELOPE_DOC)
                .display(NON_ENVELOPE_DISPLAY)
                .define()
                .key(FALLBACK_SOURCE_CONFIG, Type.STRING)
                .defaultValue(FALLBACK_SOURCE_DEFAULT)
                .importance(Importance.LOW)
                .doc(FALLBACK_SOURCE_DOC)
                .display(FALLBACK_SOURCE_DISPLAY)
                .define()
                .key(FALLBACK_DETAIL_TYPE_CONFIG, Type.STRING)
                .defaultValue(FALLBACK_DETAIL_TYPE_DEFAULT)
                .importance(Importance.LOW)
                .doc(FALLBACK_DETAIL_TYPE_DOC)
                .display(FALLBACK_DETAIL_TYPE_DISPLAY)
                .define()
                .key(MALFORMED_CONFIG, Type.STRING)
                .defaultValue(MALFORMED_DEFAULT)
                .validator(MALFORMED)
                .recommender(MALFORMED)
                .importance(Importance.MEDIUM)
                .doc(MALFORMED_DOC)
                .display(MALFORMED_DISPLAY)
                .dependents(DLQ_TOPIC_CONFIG)
                .define()
                .key(DLQ_TOPIC_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.MEDIUM)
                .doc(DLQ_TOPIC_DOC)
                .display(DLQ_TOPIC_DISPLAY)
                .define();
    }
}
