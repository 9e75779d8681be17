package io.eventbridge.kafka.source.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect schema per detail-type, inferred from the events seen so far and widened as new ones arrive.
 * Every change keeps the new schema able to read what the older ones described, in Avro's terms, so that a
 * registry converter such as Glue's Avro converter registers it as a new version under BACKWARD
 * compatibility:
 * <ul>
 *   <li>new fields are added, and every field is optional, so older events still fit;</li>
 *   <li>integers widen to long and then double;</li>
 *   <li>a field seen only as null or {@code []} gets no schema until a value has a type;</li>
 *   <li>a field once text takes any JSON as text;</li>
 *   <li>a value that does not widen into its field's type (a string where numbers were, an object where
 *       text was not) goes, as JSON text, into an overflow field {@code <field>_json} added beside it; the
 *       field keeps its type.</li>
 * </ul>
 *
 * <p>Field names are made Avro-safe ({@code instance-id} becomes {@code instance_id}; a clash gets a
 * numeric suffix), because inferred schemas exist for schema-registry converters.
 */
public final class SchemaInference {
    public static final String NAMESPACE = "io.eventbridge.kafka.source.";
    private static final int MAX_TYPES = 10_000;
    static final String JSON_NAME = "json.name.";
    /** On a struct: {@code json.overflow.<field>} names the field's overflow field. */
    static final String OVERFLOW_PARAM = "json.overflow.";
    /** On a struct: {@code json.overflow.of.<overflow field>} names the field it overflows. */
    static final String OVERFLOW_OF_PARAM = "json.overflow.of.";

    /** The source partition of a detail-type's inferred shape: {"inferred.schema": detail-type}. */
    public static final String PARTITION_KEY = "inferred.schema";
    static final String OFFSET_VERSION = "version";
    static final String OFFSET_SHAPE = "shape";
    private static final Logger log = LoggerFactory.getLogger(SchemaInference.class);

    /**
     * Where a task finds the shapes it (or an earlier run of it) inferred, so that a restarted task does not
     * start narrower than the versions a registry already holds: Connect's source offsets in production.
     */
    @FunctionalInterface
    public interface ShapeStore {
        /** The offset last committed for the partition, or null. */
        Map<String, Object> offset(Map<String, String> partition);
    }

    private final Map<String, Inferred> byDetailType = new HashMap<>();
    private final ShapeStore store;

    /** The state of one detail-type: its shape, the Connect schemas made of it, and its source offset. */
    private static final class Inferred {
        Shape shape = Shape.UNKNOWN;
        int version;
        Schema detail;
        Schema envelope;
        Map<String, String> partition;
        Map<String, Object> offset;
    }

    /** Without a store: every task run starts from nothing. */
    public SchemaInference() {
        this(null);
    }

    public SchemaInference(ShapeStore store) {
        this.store = store;
    }

    public static Map<String, String> partition(String detailType) {
        return Map.of(PARTITION_KEY, detailType == null ? "" : detailType);
    }

    /**
     * The source partition and offset a record of this detail-type commits: the shape its schema was made
     * of, for {@link ShapeStore} to give back after a restart.
     */
    public synchronized Map<String, String> partitionOf(String detailType) {
        Inferred state = byDetailType.get(detailType);
        return state == null ? null : state.partition;
    }

    /** See {@link #partitionOf}. */
    public synchronized Map<String, Object> offsetOf(String detailType) {
        Inferred state = byDetailType.get(detailType);
        return state == null ? null : state.offset;
    }

    /** The detail as a Struct of the detail-type's current schema. */
    public SchemaAndValue detail(String detailType, JsonNode detail) {
        Schemas schemas = update(detailType, detail);
        return new SchemaAndValue(schemas.detail(), value(schemas.detail(), detail));
    }

    /** The whole event as a Struct whose detail field has the detail-type's current schema. */
    public SchemaAndValue envelope(EventBridgeEvent event, JsonNode detail) {
        Schemas schemas = update(event.detailType(), detail);
        Struct s = new Struct(schemas.envelope())
            .put("version", event.version()).put("id", event.id()).put("detail_type", event.detailType())
            .put("source", event.source()).put("account", event.account()).put("time", event.time())
            .put("region", event.region()).put("resources", event.resources())
            .put("detail", value(schemas.detail(), detail)).put("replay_name", event.replayName());
        return new SchemaAndValue(schemas.envelope(), s);
    }

    /** The schemas of a detail-type at one moment (they only ever widen, so later values fit them too). */
    private record Schemas(Schema detail, Schema envelope) {
    }

    private Schemas update(String detailType, JsonNode detail) {
        Shape fresh = shapeOf(detail); // outside the lock: tasks of a connector share one inference
        synchronized (this) {
            Inferred state = widen(detailType, fresh);
            return new Schemas(state.detail, state.envelope);
        }
    }

    private Inferred widen(String detailType, Shape fresh) {
        Inferred state = byDetailType.get(detailType);
        if (state == null) {
            if (byDetailType.size() >= MAX_TYPES) {
                byDetailType.clear(); // far more detail-types than any bus has: start over rather than grow
            }
            state = restore(detailType);
            byDetailType.put(detailType, state);
        }
        Shape merged = Shape.merge(state.shape, fresh);
        if (state.detail == null || merged != state.shape) { // merge returns the same shape when nothing is new
            state.shape = merged;
            // a field seen only as null has no schema yet: the shape changed, and the schema may not have
            if (state.detail == null || !schema(merged, schemaName(detailType), state.version, true)
                .equals(state.detail)) {
                state.version++;
                buildSchemas(state, detailType);
            }
            state.offset = Map.of(OFFSET_VERSION, state.version, OFFSET_SHAPE, ShapeJson.write(merged));
        }
        return state;
    }

    private static String schemaName(String detailType) {
        return NAMESPACE + typeName(detailType);
    }

    private static void buildSchemas(Inferred state, String detailType) {
        String name = schemaName(detailType);
        state.detail = schema(state.shape, name, state.version, true);
        state.envelope = envelopeSchema(name, state.version, state.detail);
    }

    /** A detail-type seen for the first time by this task: from where an earlier run left it, if stored. */
    private Inferred restore(String detailType) {
        Inferred state = new Inferred();
        state.partition = partition(detailType);
        Map<String, Object> offset;
        try {
            offset = store == null ? null : store.offset(state.partition);
        } catch (RuntimeException e) { // e.g. the reader of a task that has just stopped
            log.warn("Could not read the stored schema of detail-type '{}', inferring it anew: {}", detailType,
                e.toString());
            return state;
        }
        if (offset == null || !(offset.get(OFFSET_SHAPE) instanceof String text)
            || !(offset.get(OFFSET_VERSION) instanceof Number version)) {
            return state;
        }
        try {
            state.shape = ShapeJson.read(text);
            state.version = version.intValue();
            buildSchemas(state, detailType);
            state.offset = offset;
            log.info("Schema of detail-type '{}' continues from its stored version {}", detailType, state.version);
            return state;
        } catch (RuntimeException e) {
            log.warn("Ignoring the stored schema of detail-type '{}', inferring it anew: {}", detailType,
                e.getMessage());
            Inferred fresh = new Inferred();
            fresh.partition = state.partition;
            return fresh;
        }
    }

    static Shape shapeOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Shape.UNKNOWN;
        }
        if (node.isBoolean()) {
            return Shape.BOOL;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? Shape.INT : node.canConvertToLong() ? Shape.LONG : Shape.DOUBLE;
        }
        if (node.isNumber()) {
            return Shape.DOUBLE;
        }
        if (node.isTextual()) {
            return Shape.TEXT;
        }
        if (node.isArray()) {
            Shape element = Shape.UNKNOWN;
            for (JsonNode item : node) {
                element = Shape.merge(element, shapeOf(item));
            }
            return new Shape.Array(element);
        }
        Map<String, Shape> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), shapeOf(e.getValue()));
        }
        return new Shape.Obj(fields);
    }

    /** The Connect schema of a shape; every schema optional so that any field may be missing or null. */
    static Schema schema(Shape shape, String name, int version, boolean top) {
        SchemaBuilder b;
        if (shape instanceof Shape.Bool) {
            b = SchemaBuilder.bool();
        } else if (shape instanceof Shape.Int) {
            b = SchemaBuilder.int32();
        } else if (shape instanceof Shape.Long) {
            b = SchemaBuilder.int64();
        } else if (shape instanceof Shape.Double) {
            b = SchemaBuilder.float64();
        } else if (shape instanceof Shape.Array a) {
            b = SchemaBuilder.array(schema(a.element(), name + "_item", 0, false));
        } else if (shape instanceof Shape.Obj o) {
            b = SchemaBuilder.struct().name(name);
            if (top) {
                b.version(version);
            }
            Map<String, String> names = fieldNames(o.fields().keySet());
            for (Map.Entry<String, String> f : names.entrySet()) {
                String key = f.getKey();
                String safe = f.getValue();
                if (!Shape.isOverflow(key) && !key.equals(safe)) {
                    b.parameter(JSON_NAME + safe, key); // the JSON name of a renamed field
                }
                Shape fieldShape = o.fields().get(key);
                if (!Shape.typed(fieldShape)) {
                    continue; // no schema before a value has a type: the field is added then
                }
                b.field(safe, schema(fieldShape, name + "_" + safe, 0, false));
                if (Shape.isOverflow(key)) {
                    String primary = names.get(key.substring(Shape.OVERFLOW.length()));
                    b.parameter(OVERFLOW_OF_PARAM + safe, primary).parameter(OVERFLOW_PARAM + primary, safe);
                }
            }
        } else {
            b = SchemaBuilder.string();
        }
        return b.optional().build();
    }

    private static Schema envelopeSchema(String name, int version, Schema detail) {
        return SchemaBuilder.struct().name(name + "_event").version(version)
            .field("version", Schema.OPTIONAL_STRING_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("detail_type", Schema.STRING_SCHEMA)
            .field("source", Schema.STRING_SCHEMA)
            .field("account", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region", Schema.OPTIONAL_STRING_SCHEMA)
            .field("resources", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("detail", detail)
            .field("replay_name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    }

    /**
     * JSON names (and overflow slots, named after their field with {@code _json}) to Avro-safe field names,
     * in first-seen order, clashes suffixed: a name once given never changes as fields are added.
     */
    static Map<String, String> fieldNames(Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            String safe = Shape.isOverflow(name) ? avroName(name.substring(Shape.OVERFLOW.length())) + "_json"
                : avroName(name);
            int n = used.merge(safe, 1, Integer::sum);
            out.put(name, n == 1 ? safe : safe + "_" + n);
        }
        return out;
    }

    static String avroName(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9';
            out.append(ok ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    static String typeName(String detailType) {
        return avroName(detailType == null ? "unknown" : detailType);
    }

    /** The JSON value under a schema made by {@link #schema}. */
    static Object value(Schema schema, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (schema.type()) {
            case BOOLEAN:
                return node.asBoolean();
            case INT32:
                return node.asInt();
            case INT64:
                return node.asLong();
            case FLOAT64:
                return node.asDouble();
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (JsonNode item : node) {
                    out.add(value(schema.valueSchema(), item));
                }
                return out;
            }
            case STRUCT: {
                if (!node.isObject()) { // every value is merged into the schema first, so this cannot happen
                    throw new DataException("A " + node.getNodeType() + " where the inferred schema "
                        + schema.name() + " has an object");
                }
                Struct struct = new Struct(schema);
                Map<String, String> params = schema.parameters();
                if (params == null || params.isEmpty()) { // no renamed or overflow fields: the common case
                    for (Field field : schema.fields()) {
                        struct.put(field, value(field.schema(), node.get(field.name())));
                    }
                    return struct;
                }
                for (Field field : schema.fields()) {
                    String primary = params.get(OVERFLOW_OF_PARAM + field.name());
                    if (primary != null) {
                        if (schema.field(primary) == null) { // the field itself has no type yet
                            struct.put(field, text(node.get(jsonName(params, primary))));
                        }
                        continue; // otherwise filled with its field
                    }
                    JsonNode v = node.get(jsonName(params, field.name()));
                    String overflow = params.get(OVERFLOW_PARAM + field.name());
                    if (overflow != null && !fits(field.schema(), v)) {
                        struct.put(overflow, text(v));
                    } else {
                        struct.put(field, value(field.schema(), v));
                    }
                }
                return struct;
            }
            default:
                return text(node);
        }
    }

    private static String jsonName(Map<String, String> params, String field) {
        return params.getOrDefault(JSON_NAME + field, field);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null
            : node.isTextual() ? node.asText() : node.toString();
    }

    /** Whether a JSON value has the type of a schema made by {@link #schema}, or else needs the overflow slot. */
    static boolean fits(Schema schema, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        switch (schema.type()) {
            case BOOLEAN:
                return node.isBoolean();
            case INT32:
                return node.isIntegralNumber() && node.canConvertToInt();
            case INT64:
                return node.isIntegralNumber() && node.canConvertToLong();
            case FLOAT64:
                return node.isNumber();
            case ARRAY:
                if (!node.isArray()) {
                    return false;
                }
                for (JsonNode item : node) {
                    if (!fits(schema.valueSchema(), item)) {
                        return false;
                    }
                }
                return true;
            case STRUCT:
                return node.isObject(); // its own fields have overflow slots where they need them
            default:
                return true;
        }
    }
}
