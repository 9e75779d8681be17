package io.eventbridge.kafka.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;

/** Independent checks of what the translator writes: networknt's draft-4 validator and swagger's OpenAPI parser. */
public final class Validation {
    private static final SchemaRegistry DRAFT4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private Validation() {}

    /** The validator's complaints about {@code instance} under a draft-4 {@code schema}; empty when it fits. */
    public static List<String> errors(JsonNode schema, JsonNode instance) {
        Schema compiled = DRAFT4.getSchema(schema.toString(), InputFormat.JSON);
        return compiled.validate(instance.toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    /** The parser's messages for an OpenAPI document; empty when it parses cleanly. */
    public static List<String> openApiMessages(JsonNode document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document.toString(), null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null) {
            return messages.isEmpty() ? List.of("no OpenAPI document") : messages;
        }
        return messages;
    }
}
