package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.eventbridge.kafka.cloudevents.data.ByteArrays;
import io.eventbridge.kafka.cloudevents.data.ContentTypes;
import io.eventbridge.kafka.cloudevents.data.DataCodec;
import io.eventbridge.kafka.cloudevents.data.EncodedData;
import java.net.URI;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** The data of an event being written. */
final class EventData {
    private EventData() {}

    /** Sets the data of a new event built from a record that was not a CloudEvent. */
    static void write(CloudEventBuilder builder, EncodedData data) {
        if (data.dataSchema() != null) {
            builder.withDataSchema(URI.create(data.dataSchema()));
        }
        builder.withData(data.contentType(), data.bytes());
    }

    /**
     * The event of a CloudEvent Struct. Its data: a string with a datacontenttype is taken as that content,
     * bytes as they are, and anything else (or a string without a type) is written by the data format's
     * codec, which then also sets datacontenttype and, for registry formats, dataschema.
     */
    static CloudEvent event(Struct struct, DataCodec writer, String topic) {
        Object data = struct.get(CloudEventSchema.DATA);
        String contentType = struct.getString(CloudEventSchema.DATACONTENTTYPE);
        String dataSchema = struct.getString(CloudEventSchema.DATASCHEMA);
        if (data == null) {
            return new StructEvent(struct, contentType, dataSchema, null, topic);
        }
        if (data instanceof String text && contentType != null) {
            return new StructEvent(
                    struct, contentType, dataSchema, text.getBytes(ContentTypes.charset(contentType)), topic);
        }
        if (data instanceof byte[] bytes) {
            return new StructEvent(struct, orOctetStream(contentType), dataSchema, bytes, topic);
        }
        if (data instanceof ByteBuffer buffer) {
            return new StructEvent(struct, orOctetStream(contentType), dataSchema, ByteArrays.of(buffer), topic);
        }
        Schema schema = struct.schema().field(CloudEventSchema.DATA).schema();
        EncodedData encoded = writer.encode(topic, schema, data);
        return new StructEvent(
                struct,
                encoded.contentType(),
                encoded.dataSchema() != null ? encoded.dataSchema() : dataSchema,
                encoded.bytes(),
                topic);
    }

    private static String orOctetStream(String contentType) {
        return contentType != null ? contentType : ContentTypes.OCTET_STREAM;
    }
}
