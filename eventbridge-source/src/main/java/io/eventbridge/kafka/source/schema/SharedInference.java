package io.eventbridge.kafka.source.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SchemaInference} for all tasks of a connector that run in the same worker, so that they widen
 * the same schemas: two tasks inferring apart could each register a combination the other has already
 * outgrown (an int where the other made a long), which a registry under BACKWARD compatibility refuses.
 * Shapes are read back from the offsets of whichever of those tasks still runs.
 */
public final class SharedInference {
    private static final Map<String, SharedInference> BY_CONNECTOR = new HashMap<>();

    private final String connector;
    private final List<SchemaInference.ShapeStore> stores = new ArrayList<>();
    private final SchemaInference inference = new SchemaInference(this::offset);

    private SharedInference(String connector) {
        this.connector = connector;
    }

    /** The connector's inference, for a task starting with this store (null when it has none). */
    public static synchronized SchemaInference acquire(String connector, SchemaInference.ShapeStore store) {
        SharedInference shared = BY_CONNECTOR.computeIfAbsent(connector, SharedInference::new);
        shared.stores.add(store);
        return shared.inference;
    }

    /** A task of the connector stopped: the last one to stop drops the shared schemas. */
    public static synchronized void release(String connector, SchemaInference.ShapeStore store) {
        SharedInference shared = BY_CONNECTOR.get(connector);
        if (shared == null) {
            return;
        }
        shared.stores.remove(store);
        if (shared.stores.isEmpty()) {
            BY_CONNECTOR.remove(connector);
        }
    }

    private Map<String, Object> offset(Map<String, String> partition) {
        SchemaInference.ShapeStore store;
        synchronized (SharedInference.class) {
            store = stores.stream().filter(s -> s != null).findFirst().orElse(null);
        }
        return store == null ? null : store.offset(partition);
    }

    @Override
    public String toString() {
        return "SharedInference[" + connector + "]";
    }
}
