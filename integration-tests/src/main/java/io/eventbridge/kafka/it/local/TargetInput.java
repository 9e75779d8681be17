package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule target receives of a matched event, as EventBridge's target settings say: the whole event by
 * default, {@code Input} (a constant), {@code InputPath} (a part of the event), or {@code InputTransformer}
 * ({@code InputPathsMap} of names to paths, and an {@code InputTemplate} with {@code <name>} placeholders).
 * In the template a placeholder inside a string literal takes a string's text; one outside takes the JSON value.
 * Paths are definite JSONPaths ({@code $.detail.items[0].sku}, {@code $['detail-type']}), read by this class itself:
 * the local stack shares no code with the connectors it tests.
 */
final class TargetInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

    private final String constant;
    private final String path;
    private final Map<String, String> paths;
    private final String template;

    private TargetInput(String constant, String path, Map<String, String> paths, String template) {
        this.constant = constant;
        this.path = path;
        this.paths = paths;
        this.template = template;
    }

    /** The input settings of one {@code PutTargets} target. */
    static TargetInput of(JsonNode target) {
        JsonNode transformer = target.path("InputTransformer");
        Map<String, String> paths = new LinkedHashMap<>();
        transformer
                .path("InputPathsMap")
                .properties()
                .forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
        return new TargetInput(
                target.hasNonNull("Input") ? target.get("Input").asText() : null,
                target.hasNonNull("InputPath") ? target.get("InputPath").asText() : null,
                paths,
                transformer.hasNonNull("InputTemplate")
                        ? transformer.get("InputTemplate").asText()
                        : null);
    }

    /** The message body for one matched event. */
    String render(JsonNode event, String eventJson, String ruleName, String ruleArn) {
        if (constant != null) {
            return constant;
        }
        if (path != null) {
            return select(event, path).toString();
        }
        if (template == null) {
            return eventJson;
        }
        boolean[] inString = stringPositions(template);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = value(m.group(1), event, ruleName, ruleArn);
            boolean quoted = inString[m.start()];
            String text;
            if (value == null) {
                text = m.group(); // not a placeholder EventBridge knows: left as it is
            } else if (value.isMissingNode()) {
                text = quoted ? "" : "null";
            } else if (quoted) {
                String raw = value.isTextual() ? value.asText() : value.toString();
                String escaped = TextNode.valueOf(raw).toString();
                text = escaped.substring(1, escaped.length() - 1);
            } else {
                text = value.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Which positions of a template lie inside a JSON string literal. */
    private static boolean[] stringPositions(String template) {
        boolean[] inside = new boolean[template.length()];
        boolean in = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (in && c == '\\') {
                inside[i] = true;
                if (i + 1 < template.length()) {
                    inside[++i] = true;
                }
                continue;
            }
            if (c == '"') {
                in = !in;
                continue;
            }
            inside[i] = in;
        }
        return inside;
    }

    private JsonNode value(String name, JsonNode event, String ruleName, String ruleArn) {
        return switch (name) {
            case "aws.events.rule-name" -> TextNode.valueOf(ruleName);
            case "aws.events.rule-arn" -> TextNode.valueOf(ruleArn);
            case "aws.events.event", "aws.events.event.json" -> event;
            case "aws.events.event.ingestion-time" -> event.path("time");
            default -> paths.containsKey(name) ? select(event, paths.get(name)) : null;
        };
    }

    /** The value at a definite JSONPath ({@code $.a.b}, {@code $.items[0]}), missing when there is none. */
    static JsonNode select(JsonNode root, String jsonPath) {
        if (!jsonPath.startsWith("$")) {
            throw new IllegalArgumentException("A path starts with $: " + jsonPath);
        }
        JsonNode node = root;
        int i = 1;
        while (i < jsonPath.length() && node != null && !node.isMissingNode()) {
            char c = jsonPath.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < jsonPath.length() && jsonPath.charAt(end) != '.' && jsonPath.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException(
                            "Empty name in " + jsonPath + " (deep scans are not paths " + "EventBridge takes)");
                }
                node = node.get(jsonPath.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = jsonPath.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("Unclosed [ in " + jsonPath);
                }
                String inside = jsonPath.substring(i + 1, close).trim();
                if (inside.startsWith("'") || inside.startsWith("\"")) {
                    node = node.get(inside.substring(1, inside.length() - 1));
                } else {
                    node = node.isArray() ? node.get(Integer.parseInt(inside)) : null;
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("Unexpected '" + c + "' in " + jsonPath);
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    static JsonNode parse(String json) throws java.io.IOException {
        return JSON.readTree(json);
    }
}
