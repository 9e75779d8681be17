package io.eventbridge.kafka.source.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inferred type of a JSON value, and how two inferred types merge. Merging only widens: a type that
 * was seen stays readable by the merged one (int -> long -> double, new object fields added), and two
 * types that do not widen into each other become text holding the JSON.
 */
sealed interface Shape {
    /** Only nulls or empty arrays seen so far: becomes whatever comes next. */
    record Unknown() implements Shape {
    }

    record Bool() implements Shape {
    }

    record Int() implements Shape {
    }

    record Long() implements Shape {
    }

    record Double() implements Shape {
    }

    /** A string, or JSON text where the seen types do not widen into one. */
    record Text() implements Shape {
    }

    record Array(Shape element) implements Shape {
    }

    /** Fields in first-seen order. */
    record Obj(Map<String, Shape> fields) implements Shape {
    }

    Shape UNKNOWN = new Unknown();
    Shape BOOL = new Bool();
    Shape INT = new Int();
    Shape LONG = new Long();
    Shape DOUBLE = new Double();
    Shape TEXT = new Text();

    static Shape merge(Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof Unknown) {
            return b;
        }
        if (b instanceof Unknown) {
            return a;
        }
        if (numeric(a) && numeric(b)) {
            return rank(a) >= rank(b) ? a : b;
        }
        if (a instanceof Array x && b instanceof Array y) {
            return new Array(merge(x.element(), y.element()));
        }
        if (a instanceof Obj x && b instanceof Obj y) {
            Map<String, Shape> fields = new LinkedHashMap<>(x.fields());
            y.fields().forEach((name, shape) -> fields.merge(name, shape, Shape::merge));
            return new Obj(fields);
        }
        return TEXT;
    }

    private static boolean numeric(Shape s) {
        return s instanceof Int || s instanceof Long || s instanceof Double;
    }

    private static int rank(Shape s) {
        return s instanceof Int ? 0 : s instanceof Long ? 1 : 2;
    }
}
