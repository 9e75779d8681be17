package io.eventbridge.kafka.cloudevents.data;

/** The datacontenttype of Avro data in the Glue Schema Registry wire format. */
public final class AvroContentType {
    public static final String VALUE = "application/avro";

    private AvroContentType() {}

    public static boolean is(String contentType) {
        return VALUE.equals(ContentTypes.mediaType(contentType));
    }
}
