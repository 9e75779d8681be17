package io.eventbridge.kafka.cloudevents.data;

import io.eventbridge.kafka.common.json.JsonRenderer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/** Text data in UTF-8: a string as it is, any other value as its JSON text. */
public final class TextDataCodec implements DataCodec {
    @Override
    public String contentType() {
        return ContentTypes.TEXT;
    }

    @Override
    public EncodedData encode(String topic, Schema schema, Object value) {
        String text = value instanceof String s ? s : JsonRenderer.asText(JsonRenderer.render(schema, value));
        return new EncodedData(text.getBytes(StandardCharsets.UTF_8), ContentTypes.TEXT, null);
    }

    @Override
    public SchemaAndValue decode(String topic, byte[] data, String dataSchema) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(data, StandardCharsets.UTF_8));
    }
}
