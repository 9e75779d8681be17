package io.eventbridge.kafka.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A definite JSON path: {@code $}, then {@code .name}, {@code ['name']} or {@code [index]} steps,
 * e.g. {@code $.metadata.event-type} or {@code $.items[0]['unit price']}. Wildcards, filters and
 * recursive descent are rejected, since a mapped field must resolve to one value.
 */
public final class JsonPath {
    private final String text;
    private final List<Object> steps; // String names, Integer indexes

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static boolean looksLikePath(String expression) {
        String e = expression.trim();
        return e.equals("$") || e.startsWith("$.") || e.startsWith("$[");
    }

    /** @throws IllegalArgumentException with a message that says what is wrong and where */
    public static JsonPath parse(String expression) {
        String p = expression.trim();
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with '$': " + expression);
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String name = p.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("JSON path '" + expression + "' has an empty or wildcard "
                            + "step at position " + i + "; only definite paths are supported");
                }
                steps.add(name);
                i = end;
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("JSON path '" + expression + "' has an unclosed '[' at " + i);
                }
                String inside = p.substring(i + 1, close).trim();
                if (inside.length() >= 2
                        && (inside.startsWith("'") && inside.endsWith("'")
                                || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    steps.add(Integer.parseInt(inside));
                } else {
                    throw new IllegalArgumentException("JSON path '" + expression + "' has an unsupported step ["
                            + inside + "]; use ['name'] or [index]");
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException(
                        "JSON path '" + expression + "' has an unexpected '" + c + "' at position " + i);
            }
        }
        return new JsonPath(p, List.copyOf(steps));
    }

    /** The value at this path, or null when the path does not exist. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof String name ? (node.isObject() ? node.get(name) : null) : node.get((Integer) step);
        }
        return node;
    }

    /** Removes the value at this path from {@code root}; returns it, or null if there was none. */
    public JsonNode remove(JsonNode root) {
        if (steps.isEmpty()) {
            throw new IllegalStateException("cannot remove the root");
        }
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1 && parent != null; i++) {
            Object step = steps.get(i);
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            return object.remove(name);
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            return array.remove((int) index);
        }
        return null;
    }

    public List<Object> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return text;
    }
}
