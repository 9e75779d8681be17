package io.eventbridge.kafka.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * EventBridge event patterns, matched with AWS's own matcher (event-ruler), the one place the connectors match
 * patterns: the source's routing rules, the sink's filter and the pattern predicate. Patterns are keyed (by their
 * order, a name, ...); {@link #matches} returns the keys of those an event matches. Matching is thread-safe.
 *
 * @param <K> what a pattern is known by
 */
public final class EventPatterns<K> {
    private final GenericMachine<K> machine = GenericMachine.<K>builder().build();
    private final Map<K, String> patterns = new LinkedHashMap<>();

    /** @throws IllegalArgumentException saying why EventBridge would refuse {@code pattern} */
    public EventPatterns<K> add(K key, String pattern) {
        try {
            machine.addRule(key, pattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a valid EventBridge event pattern: " + e.getMessage(), e);
        }
        patterns.put(key, pattern);
        return this;
    }

    /** One pattern, keyed by itself: the common case of a single filter. */
    public static EventPatterns<String> of(String pattern) {
        return new EventPatterns<String>().add(pattern, pattern);
    }

    /** Checks a pattern the way {@link #add} would; returns null when it is valid, else the reason. */
    public static String problem(String pattern) {
        try {
            of(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A config validator for a key holding one event pattern; an empty value passes (no pattern). */
    public static org.apache.kafka.common.config.ConfigDef.Validator validator() {
        return new org.apache.kafka.common.config.ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String problem = value == null || value.toString().isBlank() ? null : problem(value.toString());
                if (problem != null) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value, problem);
                }
            }

            @Override
            public String toString() {
                return "an EventBridge event pattern (JSON)";
            }
        };
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * The keys of the patterns {@code event} matches, in no particular order.
     *
     * @param event the event as EventBridge sees it (source, detail-type, detail, ...)
     * @throws IllegalArgumentException when the event cannot be matched at all
     */
    public List<K> matches(JsonNode event) {
        try {
            return machine.rulesForJSONEvent(event);
        } catch (Exception e) {
            throw new IllegalArgumentException("event cannot be matched against event patterns: " + e.getMessage(), e);
        }
    }

    /** Whether {@code event} matches at least one of the patterns. */
    public boolean anyMatch(JsonNode event) {
        return !matches(event).isEmpty();
    }
}
