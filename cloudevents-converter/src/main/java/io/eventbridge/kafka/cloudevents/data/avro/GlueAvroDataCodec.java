package io.eventbridge.kafka.cloudevents.data.avro;

import com.amazonaws.services.schemaregistry.common.configs.GlueSchemaRegistryConfiguration;
import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryDeserializerImpl;
import com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistrySerializerImpl;
import com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants;
import io.eventbridge.kafka.cloudevents.attributes.AttributeTemplates;
import io.eventbridge.kafka.cloudevents.attributes.ConversionContext;
import io.eventbridge.kafka.cloudevents.config.CloudEventsConverterConfig;
import io.eventbridge.kafka.cloudevents.config.GlueConfig;
import io.eventbridge.kafka.cloudevents.data.AvroContentType;
import io.eventbridge.kafka.cloudevents.data.DataCodec;
import io.eventbridge.kafka.cloudevents.data.EncodedData;
import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.aws.AwsClientSettings;
import io.eventbridge.kafka.common.template.Template;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avro data in the AWS Glue Schema Registry wire format. The Connect value is translated to Avro by
 * {@link AvroSchemas} and {@link AvroValues} and written with Avro's binary encoding; Glue's own serde
 * looks the schema up (registering it when auto-registration is on) and adds its header with the
 * schema version id, which the event's dataschema then names:
 * {@code urn:aws:glue:schema-version:<schema version id>}.
 */
public final class GlueAvroDataCodec implements DataCodec, AutoCloseable {
    public static final String DATASCHEMA_PREFIX = "urn:aws:glue:schema-version:";

    private static final Logger log = LoggerFactory.getLogger(GlueAvroDataCodec.class);
    /** Glue's header: version byte, compression byte, 16-byte schema version id. */
    private static final int HEADER_LENGTH = 18;

    private final AwsClientFactory clients;
    private final GlueSchemaRegistrySerializerImpl serializer;
    private final GlueSchemaRegistryDeserializerImpl deserializer;
    private final Template<ConversionContext> schemaName;
    private final AvroCodecCache cache;

    GlueAvroDataCodec(
            AwsClientFactory clients,
            GlueSchemaRegistryConfiguration glue,
            Template<ConversionContext> schemaName,
            int cacheSize) {
        this.clients = clients;
        this.serializer = new GlueSchemaRegistrySerializerImpl(clients.credentials(), glue);
        this.deserializer = new GlueSchemaRegistryDeserializerImpl(clients.credentials(), glue);
        this.schemaName = schemaName;
        this.cache = new AvroCodecCache(cacheSize);
    }

    /**
     * The codec when Glue is configured: always when {@code required} (data.format=avro), and for reading
     * Avro data whenever a Glue region is set.
     */
    public static GlueAvroDataCodec createIfConfigured(CloudEventsConverterConfig config, boolean required) {
        String region = config.getString(GlueConfig.PREFIX + AwsClientConfig.REGION);
        if (region == null || region.isBlank()) {
            if (required) {
                throw new org.apache.kafka.common.config.ConfigException(
                        GlueConfig.PREFIX + AwsClientConfig.REGION,
                        region,
                        "data.format=avro needs the Glue Schema Registry's region");
            }
            return null;
        }
        AwsClientSettings settings = AwsClientConfig.settings(config, GlueConfig.PREFIX, "kafka-connect-cloudevents");
        AwsClientFactory clients = new AwsClientFactory(settings);
        Map<String, Object> glue = new HashMap<>();
        glue.put(AWSSchemaRegistryConstants.AWS_REGION, region);
        if (settings.endpointUri() != null) {
            glue.put(AWSSchemaRegistryConstants.AWS_ENDPOINT, settings.endpointUri());
        }
        glue.put(AWSSchemaRegistryConstants.REGISTRY_NAME, config.getString(GlueConfig.REGISTRY_NAME_CONFIG));
        glue.put(AWSSchemaRegistryConstants.DATA_FORMAT, "AVRO");
        glue.put(
                AWSSchemaRegistryConstants.SCHEMA_AUTO_REGISTRATION_SETTING,
                config.getBoolean(GlueConfig.AUTO_REGISTRATION_CONFIG).toString());
        glue.put(AWSSchemaRegistryConstants.COMPATIBILITY_SETTING, config.getString(GlueConfig.COMPATIBILITY_CONFIG));
        glue.put(
                AWSSchemaRegistryConstants.CACHE_SIZE,
                config.getInt(GlueConfig.CACHE_SIZE_CONFIG).toString());
        glue.put(AWSSchemaRegistryConstants.USER_AGENT_APP, AwsClientFactory.USER_AGENT);
        Template<ConversionContext> schemaName;
        try {
            schemaName = AttributeTemplates.parse(config.getString(GlueConfig.SCHEMA_NAME_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.config.ConfigException(
                    GlueConfig.SCHEMA_NAME_CONFIG, config.getString(GlueConfig.SCHEMA_NAME_CONFIG), e.getMessage());
        }
        log.info(
                "Glue Schema Registry data codec: registry {} in {}",
                glue.get(AWSSchemaRegistryConstants.REGISTRY_NAME),
                region);
        return new GlueAvroDataCodec(
                clients,
                new GlueSchemaRegistryConfiguration(glue),
                schemaName,
                config.getInt(GlueConfig.CACHE_SIZE_CONFIG));
    }

    @Override
    public String contentType() {
        return AvroContentType.VALUE;
    }

    @Override
    public EncodedData encode(String topic, Schema schema, Object value) {
        if (schema == null) {
            throw new DataException("data.format=avro needs a schema, but the record on topic " + topic
                    + " is schemaless; use a converter with schemas upstream, or data.format=json");
        }
        AvroCodecCache.Writer writer = cache.writer(schema);
        byte[] avroBytes = writer.write(schema, value);
        String name = schemaName.evaluate(new ConversionContext(topic, null, schema, value));
        if (name == null) {
            throw new DataException("The Glue schema name template '" + schemaName + "' has no value for a record "
                    + "on topic " + topic);
        }
        byte[] encoded;
        try {
            encoded = serializer.encode(
                    topic,
                    new com.amazonaws.services.schemaregistry.common.Schema(writer.definition(), "AVRO", name),
                    avroBytes);
        } catch (RuntimeException e) {
            throw new DataException(
                    "Glue Schema Registry could not register or find schema '" + name + "' for a " + "record on topic "
                            + topic + ": " + e.getMessage(),
                    e);
        }
        return new EncodedData(encoded, AvroContentType.VALUE, DATASCHEMA_PREFIX + schemaVersionId(encoded));
    }

    @Override
    public SchemaAndValue decode(String topic, byte[] data, String dataSchema) {
        if (data.length < HEADER_LENGTH || !deserializer.canDeserialize(data)) {
            throw new DataException("The Avro data of a CloudEvent on topic " + topic + " is not in the Glue Schema "
                    + "Registry format (" + data.length + " bytes, no Glue header)");
        }
        String definition;
        byte[] avroBytes;
        try {
            definition = deserializer.getSchema(data).getSchemaDefinition();
            avroBytes = deserializer.getData(data);
        } catch (RuntimeException e) {
            throw new DataException(
                    "Glue Schema Registry could not resolve schema version " + schemaVersionId(data)
                            + " of a CloudEvent on topic " + topic + ": " + e.getMessage(),
                    e);
        }
        return cache.reader(definition).read(avroBytes);
    }

    static UUID schemaVersionId(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded, 2, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    @Override
    public void close() {
        clients.close();
    }
}
