package io.eventbridge.kafka.schema.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The canonical form of a schema document, what decides whether a schema really changed: object members sorted
 * by name at every depth, the members of {@code required} arrays sorted (their order means nothing), no white
 * space, numbers as Jackson writes them. Two documents that differ only in member order, required order or
 * formatting have the same canonical form and fingerprint.
 */
public final class CanonicalJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {}

    public static String form(JsonNode document) {
        try {
            return JSON.writeValueAsString(canonical(document, false));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema document cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /** The canonical form of a document's text. @throws IllegalArgumentException if it is not JSON */
    public static String form(String documentText) {
        try {
            return form(JSON.readTree(documentText));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 of the canonical form, in hex. */
    public static String fingerprint(JsonNode document) {
        return sha256(form(document));
    }

    public static String fingerprint(String documentText) {
        return sha256(form(documentText));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JsonNode canonical(JsonNode node, boolean setOfStrings) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                sorted.put(name, canonical(node.get(name), name.equals("required")));
            }
            ObjectNode out = NODES.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item, false)));
            if (setOfStrings && items.stream().allMatch(JsonNode::isTextual)) {
                items.sort((a, b) -> a.asText().compareTo(b.asText()));
            }
            ArrayNode out = NODES.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }
}
