package io.eventbridge.kafka.cloudevents;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.eventbridge.kafka.cloudevents.data.ByteArrays;
import io.eventbridge.kafka.cloudevents.data.ContentTypes;
import io.eventbridge.kafka.cloudevents.data.DataCodec;
import io.eventbridge.kafka.cloudevents.data.EncodedData;
import java.net.URI;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Sets the data of an event under construction. */
final class EventData {
    private EventData() {
    }

    static void write(CloudEventBuilder builder, EncodedData data) {
        if (data.dataSchema() != null) {
            builder.withDataSchema(URI.create(data.dataSchema()));
        }
        builder.withData(data.contentType(), data.bytes());
    }

    /**
     * The data of a CloudEvent Struct: a string with a datacontenttype is taken as that content, bytes as
     * they are, and anything else (or a string without a type) is written by the data format's codec.
     */
    static void write(CloudEventBuilder builder, Struct struct, DataCodec writer, String topic) {
        Object data = struct.get(CloudEventSchema.DATA);
        String contentType = struct.getString(CloudEventSchema.DATACONTENTTYPE);
        if (data == null) {
            if (contentType != null) {
                builder.withDataContentType(contentType);
            }
            return;
        }
        if (data instanceof String text && contentType != null) {
            builder.withData(contentType, text.getBytes(ContentTypes.charset(contentType)));
        } else if (data instanceof byte[] bytes) {
            builder.withData(contentType != null ? contentType : ContentTypes.OCTET_STREAM, bytes);
        } else if (data instanceof ByteBuffer buffer) {
            builder.withData(contentType != null ? contentType : ContentTypes.OCTET_STREAM, ByteArrays.of(buffer));
        } else {
            Schema dataSchema = struct.schema().field(CloudEventSchema.DATA).schema();
            EncodedData encoded = writer.encode(topic, dataSchema, data);
            if (encoded.dataSchema() != null) {
                builder.withDataSchema(URI.create(encoded.dataSchema()));
            }
            builder.withData(encoded.contentType(), encoded.bytes());
        }
    }
}
