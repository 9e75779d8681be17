package io.eventbridge.kafka.source.schema.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.schema.json.JsonSchemas;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.connect.data.Schema;

/** Where exported schemas come from: Glue, an EventBridge schema registry, or a connector's stored offsets. */
public interface SchemaSource extends AutoCloseable {
    /** The current (latest) schemas, of the names asked for or, with none asked for, all of them. */
    List<ExportedSchema> schemas(List<String> names) throws IOException;

    @Override
    default void close() {}

    /** A Connect schema as a standalone JSON Schema draft 4 document, titled. */
    static String jsonSchemaDocument(Schema schema, String title) {
        ObjectNode doc = JsonSchemas.of(schema, JsonSchemas.Dialect.DRAFT4);
        ObjectNode out = doc.objectNode().put("$schema", "http://json-schema.org/draft-04/schema#");
        out.put("title", title);
        doc.remove("title");
        if (doc.get("type") != null && doc.get("type").isArray()) { // a nullable top: the document is the object
            doc.set("type", doc.get("type").get(0));
        }
        out.setAll(doc);
        return out.toPrettyString();
    }
}
