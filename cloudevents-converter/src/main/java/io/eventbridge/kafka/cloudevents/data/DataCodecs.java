package io.eventbridge.kafka.cloudevents.data;

import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import java.nio.charset.Charset;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * The codec that writes (the configured {@code data.format}) and the codecs that read, chosen by each
 * event's datacontenttype: JSON and text become strings, Avro becomes a typed value when the Avro codec
 * is configured, anything else stays bytes.
 */
public final class DataCodecs {
    private final DataCodec writer;
    private final DataCodec avro;

    /** @param avro the Avro codec, or null when no registry is configured */
    public DataCodecs(DataCodec writer, DataCodec avro) {
        this.writer = writer;
        this.avro = avro;
    }

    public DataCodec writer() {
        return writer;
    }

    public static DataCodec forFormat(DataFormat format, DataCodec avro) {
        return switch (format) {
            case JSON -> new JsonDataCodec();
            case TEXT -> new TextDataCodec();
            case BYTES -> new BytesDataCodec();
            case AVRO -> avro;
        };
    }

    /** The data of an event as a Connect value; an event without data gives a null optional bytes value. */
    public SchemaAndValue decode(String topic, CloudEventData data, String contentType, String dataSchema) {
        if (data == null) {
            return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, null);
        }
        if (data instanceof JsonCloudEventData json && (contentType == null || ContentTypes.isJson(contentType))) {
            // structured mode: the data member was parsed already; without datacontenttype it is JSON by the
            // format's rule. Printed straight to a string, without a byte copy in between.
            return new SchemaAndValue(
                    Schema.OPTIONAL_STRING_SCHEMA, json.getNode().toString());
        }
        byte[] bytes = data.toBytes();
        if (avro != null && AvroContentType.is(contentType)) {
            return avro.decode(topic, bytes, dataSchema);
        }
        if (ContentTypes.isJson(contentType) || ContentTypes.isText(contentType)) {
            Charset charset = ContentTypes.charset(contentType);
            return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, new String(bytes, charset));
        }
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, bytes);
    }
}
