package io.eventbridge.kafka.cloudevents.data;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/** Turns a Connect value into a CloudEvent's data and back, for one data format. */
public interface DataCodec {
    /** The datacontenttype this codec writes. */
    String contentType();

    /**
     * @param topic the record's topic, for registry subjects and error messages
     * @throws org.apache.kafka.connect.errors.DataException when the value cannot be written in this format
     */
    EncodedData encode(String topic, Schema schema, Object value);

    /**
     * @param dataSchema the event's dataschema attribute, or null
     * @return the data with its optional Connect schema
     */
    SchemaAndValue decode(String topic, byte[] data, String dataSchema);
}
