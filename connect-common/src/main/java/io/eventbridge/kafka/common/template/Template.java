package io.eventbridge.kafka.common.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Literal text with {@code ${name}} placeholders, parsed once and evaluated per record. What a
 * placeholder means is up to the caller's {@link Resolver}: the sink resolves {@code ${topic}} from a
 * sink record, the CloudEvents converter from the record it converts.
 *
 * <p>A placeholder whose value is null makes the whole template null, so a caller can tell "no value"
 * from an empty string.
 *
 * @param <C> what a template is evaluated against
 */
public final class Template<C> {
    /** Turns a placeholder name into a function of the context. */
    @FunctionalInterface
    public interface Resolver<C> {
        /**
         * @param name the text between {@code ${} and {@code }}, trimmed
         * @throws IllegalArgumentException for an unknown placeholder, naming the known ones
         */
        Function<C, String> resolve(String name);
    }

    private final String text;
    private final List<Function<C, String>> parts;

    private Template(String text, List<Function<C, String>> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the template and what is wrong with it */
    public static <C> Template<C> parse(String text, Resolver<C> resolver) {
        List<Function<C, String>> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(literal(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Template '" + text + "' has an unclosed '${' at position " + open);
            }
            try {
                parts.add(resolver.resolve(text.substring(open + 2, close).trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Template '" + text + "': " + e.getMessage(), e);
            }
            i = close + 1;
        }
        return new Template<>(text, List.copyOf(parts));
    }

    private static <C> Function<C, String> literal(String value) {
        return c -> value;
    }

    /** True when the template is literal text without placeholders. */
    public boolean isConstant() {
        return !text.contains("${");
    }

    /** The value for this context, or null when a placeholder has none. */
    public String evaluate(C context) {
        if (parts.size() == 1) {
            return parts.get(0).apply(context);
        }
        StringBuilder out = new StringBuilder();
        for (Function<C, String> part : parts) {
            String value = part.apply(context);
            if (value == null) {
                return null;
            }
            out.append(value);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
