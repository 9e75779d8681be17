package io.eventbridge.kafka.schema.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * A whole EventBridge event's schema in the layout of EventBridge's own discovered schemas, so that its code
 * bindings and other tools read it as they read those: the envelope ({@code AWSEvent}: version, id, detail-type,
 * source, account, time, region, resources) marked with {@code x-amazon-events-source} and
 * {@code x-amazon-events-detail-type}, and the detail's schema as a component of its own, named after the
 * detail-type, that the envelope's {@code detail} refers to.
 */
public final class EventSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    public static final String ENVELOPE = "AWSEvent";
    public static final String SOURCE_MARKER = "x-amazon-events-source";
    public static final String DETAIL_TYPE_MARKER = "x-amazon-events-detail-type";
    /** Longest schema name the registry takes. */
    public static final int MAX_SCHEMA_NAME = 385;

    private EventSchemas() {}

    /**
     * The document of an event schema.
     *
     * @param detail the detail's schema in the format's dialect (see {@link JsonSchemas}); never nullable, since
     *     EventBridge events always have an object detail
     */
    public static ObjectNode document(
            SchemaFormat format, String source, String detailType, Function<JsonSchemas.Dialect, ObjectNode> detail) {
        String detailName = detailName(detailType);
        if (format == SchemaFormat.OPENAPI3) {
            ObjectNode doc = NODES.objectNode().put("openapi", "3.0.0");
            doc.putObject("info").put("version", "1.0.0").put("title", detailName);
            doc.putObject("paths");
            ObjectNode schemas = doc.putObject("components").putObject("schemas");
            schemas.set(ENVELOPE, envelope(source, detailType, "#/components/schemas/" + detailName, format));
            schemas.set(detailName, detail.apply(format.dialect()));
            return doc;
        }
        ObjectNode doc = NODES.objectNode().put("$schema", "http://json-schema.org/draft-04/schema#");
        doc.setAll(envelope(source, detailType, "#/definitions/" + detailName, format));
        doc.put("title", ENVELOPE);
        doc.putObject("definitions").set(detailName, detail.apply(format.dialect()));
        return doc;
    }

    private static ObjectNode envelope(String source, String detailType, String detailRef, SchemaFormat format) {
        ObjectNode env = NODES.objectNode().put("type", "object");
        ArrayNode required = env.putArray("required");
        for (String name : new String[] {
            "detail-type", "resources", "detail", "id", "source", "time", "region", "version", "account"
        }) {
            required.add(name);
        }
        env.put(DETAIL_TYPE_MARKER, detailType).put(SOURCE_MARKER, source);
        ObjectNode props = env.putObject("properties");
        props.putObject("detail").put("$ref", detailRef);
        props.putObject("account").put("type", "string");
        props.putObject("detail-type").put("type", "string");
        props.putObject("id").put("type", "string");
        props.putObject("region").put("type", "string");
        props.putObject("resources").put("type", "array").putObject("items").put("type", "string");
        props.putObject("source").put("type", "string");
        props.putObject("time").put("type", "string").put("format", "date-time");
        props.putObject("version").put("type", "string");
        return env;
    }

    /**
     * The component name of a detail-type's detail: its words in PascalCase ({@code order placed} and
     * {@code order-placed} are {@code OrderPlaced}), as EventBridge names discovered details.
     */
    public static String detailName(String detailType) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; detailType != null && i < detailType.length(); i++) {
            char c = detailType.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Detail");
        }
        return out.toString().equals(ENVELOPE) ? ENVELOPE + "Detail" : out.toString();
    }

    /**
     * The registry name of the schema of a (source, detail-type): {@code <source>@<detail-type>} as EventBridge
     * names discovered schemas, with characters a schema name cannot hold as {@code _}, at most 385 characters.
     */
    public static String schemaName(String source, String detailType) {
        String raw = (source == null ? "" : source) + "@" + (detailType == null ? "" : detailType);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length() && out.length() < MAX_SCHEMA_NAME; i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '@');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
