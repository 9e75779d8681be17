package io.eventbridge.kafka.schema.infer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inferred type of a JSON value, and how two inferred types merge. Merging never changes a type in a
 * way an Avro reader of the new schema could not read data written with the old one: integers widen
 * (int -> long -> double), objects gain fields, text holds any JSON. A field whose new value does not widen
 * into its type keeps its type and gains an overflow slot ({@link #overflow}), a text field that holds the
 * JSON of the values that do not fit.
 */
public sealed interface Shape {
    /** Only nulls or empty arrays seen so far: becomes whatever comes next, and has no schema until then. */
    record Unknown() implements Shape {}

    record Bool() implements Shape {}

    record Int() implements Shape {}

    record Long() implements Shape {}

    record Double() implements Shape {}

    /** A string, or the JSON text of any value once a field holds text. */
    record Text() implements Shape {}

    /**
     * Text that has also held JSON other than strings (a number where text was, or mixed array elements): its
     * Connect schema is a string marked {@link JsonShapes#ANY_JSON_PARAM}, since in JSON the value may be anything.
     */
    record Json() implements Shape {}

    record Array(Shape element) implements Shape {}

    /**
     * Fields (and overflow slots, keyed by {@link #overflow}) in first-seen order, which keeps the Avro-safe
     * names that order decides stable from one schema version to the next.
     */
    record Obj(Map<String, Shape> fields) implements Shape {}

    Shape UNKNOWN = new Unknown();
    Shape BOOL = new Bool();
    Shape INT = new Int();
    Shape LONG = new Long();
    Shape DOUBLE = new Double();
    Shape TEXT = new Text();
    Shape JSON = new Json();

    /** Marks an overflow slot's key; JSON names never hold this character in practice. */
    String OVERFLOW = "\u0000";

    /** The key of the overflow slot of field {@code name}. */
    static String overflow(String name) {
        return OVERFLOW + name;
    }

    static boolean isOverflow(String key) {
        return key.startsWith(OVERFLOW);
    }

    /**
     * Whether the values of {@code b} fit the schema of {@code merge(a, b)} without that schema reading data
     * of {@code a}'s schema differently: false where a field would need an overflow slot instead.
     */
    static boolean widens(Shape a, Shape b) {
        if (a.equals(b) || a instanceof Unknown || b instanceof Unknown || a instanceof Text || a instanceof Json) {
            return true;
        }
        if (numeric(a) && numeric(b)) {
            return true;
        }
        if (a instanceof Array x && b instanceof Array y) {
            return widens(x.element(), y.element());
        }
        return a instanceof Obj && b instanceof Obj;
    }

    /**
     * The shape holding both; {@code a} itself when it already holds {@code b}, so that the common case (an
     * event like the ones before) allocates nothing and is told apart by identity. Where an object field's
     * new shape does not widen its old one, the field keeps the old shape and gains an overflow slot.
     * Elsewhere (the elements of one array, which have no earlier schema to stay readable with) values that
     * do not widen into each other become text that holds any JSON ({@link Json}).
     */
    static Shape merge(Shape a, Shape b) {
        if (a.equals(b) || b instanceof Unknown || a instanceof Json) {
            return a;
        }
        if (a instanceof Text) {
            return b instanceof Text ? a : JSON; // text keeps taking any JSON, now known to hold more than strings
        }
        if (a instanceof Unknown) {
            return b;
        }
        if (numeric(a) && numeric(b)) {
            return rank(a) >= rank(b) ? a : b;
        }
        if (a instanceof Array x && b instanceof Array y) {
            Shape element = merge(x.element(), y.element());
            return element == x.element() ? a : new Array(element);
        }
        if (a instanceof Obj x && b instanceof Obj y) {
            Map<String, Shape> fields = null; // a copy of a's fields, made at the first change
            for (Map.Entry<String, Shape> e : y.fields().entrySet()) {
                String name = e.getKey();
                Map<String, Shape> current = fields == null ? x.fields() : fields;
                Shape old = current.get(name);
                String key = name;
                Shape next;
                if (old == null) {
                    next = e.getValue();
                } else if (isOverflow(name) || widens(old, e.getValue())) {
                    next = merge(old, e.getValue());
                } else {
                    key = overflow(name);
                    next = current.containsKey(key) ? current.get(key) : TEXT;
                }
                if (next != current.get(key)) {
                    if (fields == null) {
                        fields = new LinkedHashMap<>(x.fields());
                    }
                    fields.put(key, next);
                }
            }
            return fields == null ? a : new Obj(fields);
        }
        return JSON;
    }

    /** Whether the shape has a schema yet: not while only nulls or empty arrays were seen. */
    static boolean typed(Shape s) {
        return s instanceof Array a ? typed(a.element()) : !(s instanceof Unknown);
    }

    private static boolean numeric(Shape s) {
        return s instanceof Int || s instanceof Long || s instanceof Double;
    }

    private static int rank(Shape s) {
        return s instanceof Int ? 0 : s instanceof Long ? 1 : 2;
    }
}
