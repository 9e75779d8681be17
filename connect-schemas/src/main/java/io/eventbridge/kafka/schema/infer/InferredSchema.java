package io.eventbridge.kafka.schema.infer;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Schema;

/**
 * One inferred schema as it widens: the merged {@link Shape} of every value seen, its version, and its Connect
 * schema. The version goes up only when the Connect schema really changes (a field seen only as null changes the
 * shape but not the schema). Not thread-safe: callers lock.
 */
public final class InferredSchema {
    private final String name;
    private Shape shape = Shape.UNKNOWN;
    private int version;
    private Schema schema;

    /** A schema named {@code name} (a Connect struct name) that has seen nothing yet. */
    public InferredSchema(String name) {
        this.name = name;
    }

    /**
     * A schema that continues from a stored shape and version (see {@link ShapeJson}).
     *
     * @throws IllegalArgumentException if the stored text is not a shape
     */
    public static InferredSchema restore(String name, String storedShape, int version) {
        InferredSchema restored = new InferredSchema(name);
        restored.shape = ShapeJson.read(storedShape);
        restored.version = version;
        restored.schema = JsonShapes.schema(restored.shape, name, version, true);
        return restored;
    }

    /**
     * Widens the schema with a value's shape.
     *
     * @return whether anything changed: the shape, and with it perhaps the schema and its version; false (and
     *     nothing allocated) for a value like the ones before
     */
    public boolean merge(Shape fresh) {
        Shape merged = Shape.merge(shape, fresh);
        if (schema != null && merged == shape) { // merge returns the same shape when nothing is new
            return false;
        }
        shape = merged;
        if (schema == null || !JsonShapes.schema(merged, name, version, true).equals(schema)) {
            version++;
            schema = JsonShapes.schema(merged, name, version, true);
        }
        return true;
    }

    /** {@link #merge(Shape)} of a JSON value, without building its shape when the schema already holds it. */
    public boolean merge(JsonNode value) {
        if (schema != null && JsonShapes.holds(shape, value)) {
            return false;
        }
        return merge(JsonShapes.shapeOf(value));
    }

    public Schema schema() {
        return schema;
    }

    public int version() {
        return version;
    }

    public Shape shape() {
        return shape;
    }

    /** Whether any value with a type was seen: before that the schema says nothing. */
    public boolean typed() {
        return Shape.typed(shape);
    }

    /** The shape as text, to store (in Connect offsets) and {@link #restore} later. */
    public String storedShape() {
        return ShapeJson.write(shape);
    }
}
