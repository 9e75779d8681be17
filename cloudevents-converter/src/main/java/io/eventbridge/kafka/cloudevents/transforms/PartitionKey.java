package io.eventbridge.kafka.cloudevents.transforms;

import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.common.json.JsonRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The Kafka protocol binding's key mapping, opt-in: converters cannot touch record keys, so this transform
 * does it. On the way to Kafka (source connectors) a CloudEvent value's {@code partitionkey} extension
 * becomes the record key, so events with one key land in one partition. On the way from Kafka (sink
 * connectors) the record key becomes the {@code partitionkey} extension when the event has none.
 * Values that are not CloudEvents pass unchanged.
 */
public class PartitionKey<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String EXTENSION = "partitionkey";

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public R apply(R record) {
        if (!CloudEventSchema.isCloudEvent(record.valueSchema()) || !(record.value() instanceof Struct event)) {
            return record;
        }
        Map<String, String> extensions = event.getMap(CloudEventSchema.EXTENSIONS);
        if (record instanceof SinkRecord) {
            if (record.key() == null || extensions != null && extensions.containsKey(EXTENSION)) {
                return record;
            }
            Map<String, String> withKey = extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extensions);
            withKey.put(EXTENSION, JsonRenderer.asText(JsonRenderer.render(record.keySchema(), record.key())));
            Struct copy = new Struct(event.schema());
            for (Field f : event.schema().fields()) {
                copy.put(f, event.get(f));
            }
            copy.put(CloudEventSchema.EXTENSIONS, withKey);
            return record.newRecord(
                    record.topic(),
                    record.kafkaPartition(),
                    record.keySchema(),
                    record.key(),
                    record.valueSchema(),
                    copy,
                    record.timestamp(),
                    record.headers());
        }
        String key = extensions == null ? null : extensions.get(EXTENSION);
        if (key == null) {
            return record;
        }
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                Schema.STRING_SCHEMA,
                key,
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers());
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {}
}
