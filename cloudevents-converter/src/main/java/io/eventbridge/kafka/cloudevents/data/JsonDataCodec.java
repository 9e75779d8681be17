package io.eventbridge.kafka.cloudevents.data;

import com.fasterxml.jackson.core.JsonGenerator;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * JSON data: a Struct, Map, List or scalar is rendered as schemaless JSON (logical types as
 * documented for the sink), a string that holds a JSON object or array is embedded as it is. Read back,
 * JSON data is the JSON text as a string.
 */
public final class JsonDataCodec implements DataCodec {
    @Override
    public String contentType() {
        return ContentTypes.JSON;
    }

    @Override
    public EncodedData encode(String topic, Schema schema, Object value) {
        return new EncodedData(toJson(schema, value), ContentTypes.JSON, null);
    }

    /** The JSON bytes of a Connect value. */
    public static byte[] toJson(Schema schema, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = JsonRenderer.MAPPER.getFactory().createGenerator(out)) {
            JsonRenderer.write(gen, schema, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public SchemaAndValue decode(String topic, byte[] data, String dataSchema) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(data, StandardCharsets.UTF_8));
    }
}
