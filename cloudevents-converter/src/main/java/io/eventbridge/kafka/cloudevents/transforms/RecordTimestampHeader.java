package io.eventbridge.kafka.cloudevents.transforms;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.Version;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Copies the record timestamp into a header as RFC 3339 text, so the CloudEvents converter (which does not
 * see timestamps) can use it as the event time: {@code value.converter.ce.time=${header:kafka.timestamp}}.
 * Records without a timestamp are left as they are.
 */
public class RecordTimestampHeader<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    public static final String HEADER_CONFIG = "header.name";
    public static final String HEADER_DOC = "Header the timestamp is written to; an existing one is replaced.";
    public static final String HEADER_DEFAULT = "kafka.timestamp";
    public static final String HEADER_DISPLAY = "Header name";

    public static final ConfigDef CONFIG_DEF = configDef();

    private String header;

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        new ConfigGroup(def, "Record timestamp header")
                .key(HEADER_CONFIG, Type.STRING)
                .defaultValue(HEADER_DEFAULT)
                .validator(new ConfigDef.NonEmptyString())
                .importance(Importance.MEDIUM)
                .doc(HEADER_DOC)
                .display(HEADER_DISPLAY)
                .define();
        return def;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        header = new AbstractConfig(CONFIG_DEF, configs).getString(HEADER_CONFIG);
    }

    @Override
    public R apply(R record) {
        if (record.timestamp() == null) {
            return record;
        }
        R copy = record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                record.headers().duplicate());
        copy.headers().remove(header);
        copy.headers()
                .addString(header, Instant.ofEpochMilli(record.timestamp()).toString());
        return copy;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {}
}
