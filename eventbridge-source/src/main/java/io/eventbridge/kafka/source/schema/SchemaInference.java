package io.eventbridge.kafka.source.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.schema.infer.InferredSchema;
import io.eventbridge.kafka.schema.infer.JsonShapes;
import io.eventbridge.kafka.schema.infer.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect schema per detail-type, inferred from the events seen so far and widened as new ones arrive, with
 * the suite's one JSON inference ({@link JsonShapes}, {@link InferredSchema}).
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
    static final String JSON_NAME = JsonShapes.JSON_NAME;
    static final String OVERFLOW_PARAM = JsonShapes.OVERFLOW_PARAM;

    /** The source partition of a detail-type's inferred shape: {"inferred.schema": detail-type}. */
    public static final String PARTITION_KEY = "inferred.schema";

    public static final String OFFSET_VERSION = "version";
    public static final String OFFSET_SHAPE = "shape";
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

    /** Told of each new version of a detail-type's schema, under the inference's lock: it must not block. */
    @FunctionalInterface
    public interface Listener {
        /** @param source the source of the event that widened it */
        void changed(String source, String detailType, Schema detail);
    }

    private final Map<String, Inferred> byDetailType = new HashMap<>();
    private final ShapeStore store;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** The state of one detail-type: its inferred detail schema, the envelope around it, and its source offset. */
    private static final class Inferred {
        InferredSchema detail;
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

    /** The first listener added (and still there) hears of every new version; the others stand by. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
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
        return detail(null, detailType, detail);
    }

    /** The detail of an event from {@code source} as a Struct of the detail-type's current schema. */
    public SchemaAndValue detail(String source, String detailType, JsonNode detail) {
        Schemas schemas = update(source, detailType, detail);
        return new SchemaAndValue(schemas.detail(), JsonShapes.value(schemas.detail(), detail));
    }

    /** The whole event as a Struct whose detail field has the detail-type's current schema. */
    public SchemaAndValue envelope(EventBridgeEvent event, JsonNode detail) {
        Schemas schemas = update(event.source(), event.detailType(), detail);
        Struct s = new Struct(schemas.envelope())
                .put("version", event.version())
                .put("id", event.id())
                .put("detail_type", event.detailType())
                .put("source", event.source())
                .put("account", event.account())
                .put("time", event.time())
                .put("region", event.region())
                .put("resources", event.resources())
                .put("detail", JsonShapes.value(schemas.detail(), detail))
                .put("replay_name", event.replayName());
        return new SchemaAndValue(schemas.envelope(), s);
    }

    /** The schemas of a detail-type at one moment (they only ever widen, so later values fit them too). */
    private record Schemas(Schema detail, Schema envelope) {}

    private Schemas update(String source, String detailType, JsonNode detail) {
        Shape fresh = JsonShapes.shapeOf(detail); // outside the lock: tasks of a connector share one inference
        synchronized (this) {
            Inferred state = widen(source, detailType, fresh);
            return new Schemas(state.detail.schema(), state.envelope);
        }
    }

    private Inferred widen(String source, String detailType, Shape fresh) {
        Inferred state = byDetailType.get(detailType);
        if (state == null) {
            if (byDetailType.size() >= MAX_TYPES) {
                byDetailType.clear(); // far more detail-types than any bus has: start over rather than grow
            }
            state = restore(detailType);
            byDetailType.put(detailType, state);
            if (state.envelope != null) {
                tell(source, detailType, state.detail); // a restored version the registry may not have yet
            }
        }
        int version = state.detail.version();
        if (state.detail.merge(fresh)) {
            if (state.envelope == null || state.detail.version() != version) {
                state.envelope = envelopeSchema(schemaName(detailType), state.detail.version(), state.detail.schema());
                tell(source, detailType, state.detail);
            }
            state.offset = Map.of(OFFSET_VERSION, state.detail.version(), OFFSET_SHAPE, state.detail.storedShape());
        }
        return state;
    }

    private void tell(String source, String detailType, InferredSchema detail) {
        if (detail.typed() && !listeners.isEmpty()) {
            listeners.get(0).changed(source, detailType, detail.schema());
        }
    }

    /**
     * The detail schema a task would continue from, given a stored offset's shape and version (see
     * {@link #OFFSET_SHAPE}): what the schema export reads from a connector's offsets.
     *
     * @throws IllegalArgumentException if the text is not a stored shape
     */
    public static Schema storedDetailSchema(String detailType, String storedShape, int version) {
        return InferredSchema.restore(schemaName(detailType), storedShape, version)
                .schema();
    }

    private static String schemaName(String detailType) {
        return NAMESPACE + typeName(detailType);
    }

    /** A detail-type seen for the first time by this task: from where an earlier run left it, if stored. */
    private Inferred restore(String detailType) {
        Inferred state = new Inferred();
        state.partition = partition(detailType);
        state.detail = new InferredSchema(schemaName(detailType));
        Map<String, Object> offset;
        try {
            offset = store == null ? null : store.offset(state.partition);
        } catch (RuntimeException e) { // e.g. the reader of a task that has just stopped
            log.warn(
                    "Could not read the stored schema of detail-type '{}', inferring it anew: {}",
                    detailType,
                    e.toString());
            return state;
        }
        if (offset == null
                || !(offset.get(OFFSET_SHAPE) instanceof String text)
                || !(offset.get(OFFSET_VERSION) instanceof Number version)) {
            return state;
        }
        try {
            state.detail = InferredSchema.restore(schemaName(detailType), text, version.intValue());
            state.envelope = envelopeSchema(schemaName(detailType), version.intValue(), state.detail.schema());
            state.offset = offset;
            log.info(
                    "Schema of detail-type '{}' continues from its stored version {}",
                    detailType,
                    state.detail.version());
            return state;
        } catch (RuntimeException e) {
            log.warn(
                    "Ignoring the stored schema of detail-type '{}', inferring it anew: {}",
                    detailType,
                    e.getMessage());
            Inferred fresh = new Inferred();
            fresh.partition = state.partition;
            fresh.detail = new InferredSchema(schemaName(detailType));
            return fresh;
        }
    }

    private static Schema envelopeSchema(String name, int version, Schema detail) {
        return SchemaBuilder.struct()
                .name(name + "_event")
                .version(version)
                .field("version", Schema.OPTIONAL_STRING_SCHEMA)
                .field("id", Schema.STRING_SCHEMA)
                .field("detail_type", Schema.STRING_SCHEMA)
                .field("source", Schema.STRING_SCHEMA)
                .field("account", Schema.OPTIONAL_STRING_SCHEMA)
                .field("time", Schema.OPTIONAL_STRING_SCHEMA)
                .field("region", Schema.OPTIONAL_STRING_SCHEMA)
                .field(
                        "resources",
                        SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("detail", detail)
                .field("replay_name", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
    }

    static String typeName(String detailType) {
        return JsonShapes.avroName(detailType == null ? "unknown" : detailType);
    }
}
