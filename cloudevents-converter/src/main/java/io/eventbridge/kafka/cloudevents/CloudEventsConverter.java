package io.eventbridge.kafka.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.eventbridge.kafka.cloudevents.attributes.AttributeSources;
import io.eventbridge.kafka.cloudevents.attributes.ConversionContext;
import io.eventbridge.kafka.cloudevents.binding.KafkaBinding;
import io.eventbridge.kafka.cloudevents.config.CloudEventsConverterConfig;
import io.eventbridge.kafka.cloudevents.config.Encoding;
import io.eventbridge.kafka.cloudevents.data.DataCodecs;
import io.eventbridge.kafka.cloudevents.data.DataFormat;
import io.eventbridge.kafka.cloudevents.data.avro.GlueAvroDataCodec;
import io.eventbridge.kafka.common.config.Version;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect {@link Converter} for CloudEvents over the Kafka protocol binding, binary or structured.
 *
 * <p>Writing ({@code fromConnectData}): a value with the {@link CloudEventSchema} is written as that
 * event; any other value becomes the data of a new event whose attributes come from the {@code ce.*}
 * settings. A null value stays a null value. Reading ({@code toConnectData}): the mode is detected per
 * record, and the event is returned as a {@link CloudEventSchema} Struct.
 */
public class CloudEventsConverter implements Converter, Versioned, java.io.Closeable {
    private static final Logger log = LoggerFactory.getLogger(CloudEventsConverter.class);

    private KafkaBinding binding;
    private DataCodecs codecs;
    private AttributeSources attributes;
    private GlueAvroDataCodec avro;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        CloudEventsConverterConfig config = new CloudEventsConverterConfig(configs);
        binding = new KafkaBinding(config.encoding());
        attributes = new AttributeSources(config);
        DataFormat format = config.dataFormat();
        avro = GlueAvroDataCodec.createIfConfigured(config, format == DataFormat.AVRO);
        codecs = new DataCodecs(DataCodecs.forFormat(format, avro), avro);
        log.info(
                "CloudEvents converter configured: {} mode, data format {}{}",
                config.encoding(),
                format,
                isKey ? " (record keys)" : "");
    }

    @Override
    public ConfigDef config() {
        return CloudEventsConverterConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (binding.encoding() == Encoding.BINARY && value != null) {
            throw new DataException("Binary mode writes attributes to record headers, but this caller passed none "
                    + "(topic " + topic + "); use encoding=structured with it");
        }
        return fromConnectData(topic, new RecordHeaders(), schema, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return binding.write(topic, headers, toCloudEvent(topic, headers, schema, value));
    }

    /** The event a value is written as: itself when it is a CloudEvent Struct, else new with the value as data. */
    CloudEvent toCloudEvent(String topic, Headers headers, Schema schema, Object value) {
        if (CloudEventSchema.isCloudEvent(schema) && value instanceof Struct struct) {
            return EventData.event(struct, codecs.writer(), topic);
        }
        CloudEventBuilder builder = attributes.attributes(new ConversionContext(topic, headers, schema, value));
        EventData.write(builder, codecs.writer().encode(topic, schema, value));
        return builder.build();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        // without headers only structured mode can be recognised
        RecordHeaders headers = new RecordHeaders();
        if (value != null) {
            headers.add(
                    KafkaBinding.CONTENT_TYPE_HEADER,
                    "application/cloudevents+json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return toConnectData(topic, headers, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        Struct struct = binding.read(topic, headers, value, StructWriter.factory(topic, codecs));
        return struct == null ? SchemaAndValue.NULL : new SchemaAndValue(struct.schema(), struct);
    }

    /** Connect 3.7's Converter is not Closeable; declared here, the class compiles against 3.7 as well. */
    @Override
    public void close() {
        if (avro != null) {
            avro.close();
        }
    }
}
