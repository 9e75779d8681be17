package io.eventbridge.kafka.it;

import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryKafkaDeserializer;
import com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistryKafkaSerializer;
import com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Avro values through the AWS Glue Schema Registry on the local stack: order records written with Glue's
 * serializer, read back with Glue's deserializer, and the configuration of Glue's own Connect converter,
 * {@code AWSKafkaAvroConverter}. That converter is a fat jar with Kafka 2.8 classes inside, so it is only
 * ever loaded plugin-isolated, from its own folder under {@code plugin.path}.
 */
public final class GlueAvro {
    public static final String CONVERTER = "com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter";
    /** The folder under plugin.path that holds Glue's converter. */
    public static final String PLUGIN_FOLDER = "glue-schema-registry-converter";

    public static final Schema ORDER = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Order\","
                    + "\"namespace\":\"com.example.orders\",\"fields\":[{\"name\":\"orderId\",\"type\":\"int\"},"
                    + "{\"name\":\"customer\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\"}]}");

    private GlueAvro() {}

    public static GenericRecord order(int id) {
        GenericRecord r = new GenericData.Record(ORDER);
        r.put("orderId", id);
        r.put("customer", "c-" + (id % 7));
        r.put("amount", id * 1.25);
        return r;
    }

    private static Map<String, Object> serdeConfig(String endpoint, String registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(AWSSchemaRegistryConstants.AWS_REGION, LocalEventBridge.REGION);
        config.put(AWSSchemaRegistryConstants.AWS_ENDPOINT, endpoint);
        config.put(AWSSchemaRegistryConstants.REGISTRY_NAME, registry);
        config.put(AWSSchemaRegistryConstants.SCHEMA_AUTO_REGISTRATION_SETTING, true);
        config.put(AWSSchemaRegistryConstants.AVRO_RECORD_TYPE, "GENERIC_RECORD");
        return config;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY));
    }

    /** Glue's Kafka serializer; the schema is registered under {@code schemaName}. */
    public static GlueSchemaRegistryKafkaSerializer serializer(String endpoint, String registry, String schemaName) {
        Map<String, Object> config = serdeConfig(endpoint, registry);
        config.put(AWSSchemaRegistryConstants.SCHEMA_NAME, schemaName);
        config.put(AWSSchemaRegistryConstants.DATA_FORMAT, "AVRO");
        return new GlueSchemaRegistryKafkaSerializer(credentials(), null, config);
    }

    public static GlueSchemaRegistryKafkaDeserializer deserializer(String endpoint, String registry) {
        return new GlueSchemaRegistryKafkaDeserializer(credentials(), serdeConfig(endpoint, registry));
    }

    /**
     * Connector properties that make Glue's converter the value converter. It takes credentials from the
     * default chain of its own bundled SDK: {@code aws.accessKeyId} / {@code aws.secretAccessKey} system
     * properties here, as a worker's environment would give them.
     */
    public static Map<String, String> valueConverter(String endpoint, String registry, String schemaName) {
        Map<String, String> config = new HashMap<>();
        config.put("value.converter", CONVERTER);
        config.put("value.converter.region", LocalEventBridge.REGION);
        config.put("value.converter.endpoint", endpoint);
        config.put("value.converter.registry.name", registry);
        config.put("value.converter.schemaAutoRegistrationEnabled", "true");
        config.put("value.converter.avroRecordType", "GENERIC_RECORD");
        if (schemaName != null) {
            config.put("value.converter.schemaName", schemaName);
        }
        return config;
    }

    /** Lets the default credential chain of Glue's converter reach the local endpoint, unless already set. */
    public static void localCredentials() {
        if (System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", LocalEventBridge.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", LocalEventBridge.SECRET_KEY);
        }
    }

    /**
     * Makes Glue's converter a plugin folder under plugin.path, from the jar the build copied next to it
     * ({@code target/glue-converter}), with two changes a worker needs:
     * <ul>
     *   <li>without the Kafka 2.8 classes inside: the worker supplies its own, and the old copies of the
     *       converters Connect loads per plugin (StringConverter...) fail the worker's plugin scan;</li>
     *   <li>with a {@code META-INF/services} entry for the converter, which Glue's jar lacks: workers with
     *       {@code plugin.discovery=service_load} find plugins only through those (Kafka's
     *       {@code connect-plugin-path sync-manifests} adds the same).</li>
     * </ul>
     */
    static void preparePlugin(Path pluginsDir) throws IOException {
        Path folder = pluginsDir.resolve(PLUGIN_FOLDER);
        Path staged = pluginsDir.resolveSibling("glue-converter");
        if (Files.isDirectory(folder) || !Files.isDirectory(staged)) {
            return;
        }
        Path original;
        try (var jars = Files.list(staged)) {
            original =
                    jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElse(null);
        }
        if (original == null) {
            return;
        }
        Files.createDirectories(folder);
        String name = original.getFileName().toString().replace(".jar", "-plugin.jar");
        Path tmp = folder.resolve(name + ".tmp");
        try (JarFile in = new JarFile(original.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            out.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.storage.Converter"));
            out.write((CONVERTER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (JarEntry entry : java.util.Collections.list(in.entries())) {
                String n = entry.getName();
                if (n.startsWith("org/apache/kafka/")
                        || n.equals("META-INF/MANIFEST.MF")
                        || n.equals("META-INF/services/org.apache.kafka.connect.storage.Converter")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(n));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(tmp, folder.resolve(name));
    }
}
