package io.eventbridge.kafka.cloudevents.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/** Opaque bytes: byte arrays and buffers as they are, strings in UTF-8; other values are an error. */
public final class BytesDataCodec implements DataCodec {
    @Override
    public String contentType() {
        return ContentTypes.OCTET_STREAM;
    }

    @Override
    public EncodedData encode(String topic, Schema schema, Object value) {
        return new EncodedData(toBytes(topic, value), ContentTypes.OCTET_STREAM, null);
    }

    static byte[] toBytes(String topic, Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            return ByteArrays.of(buffer);
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw new DataException(
                "data.format=bytes needs a bytes or string value, but the record on topic " + topic + " has a "
                        + value.getClass().getSimpleName() + "; use data.format=json or avro for structured values");
    }

    @Override
    public SchemaAndValue decode(String topic, byte[] data, String dataSchema) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, data);
    }
}
