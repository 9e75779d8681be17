package io.eventbridge.kafka.sink.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.sink.delivery.PartitionOffsets;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * event.filter.audit.topic: every event the filter keeps from the bus is written to a Kafka topic instead, as the
 * event rules would have seen (JSON), with headers naming the record it came from. A filtered record's offset
 * commits only once its audit copy is acknowledged; a write that fails for good fails the task, so the records are
 * read again rather than lost from the audit.
 */
public final class AuditWriter implements AutoCloseable {
    public static final String HEADER_TOPIC = "eventbridge.audit.topic";
    public static final String HEADER_PARTITION = "eventbridge.audit.partition";
    public static final String HEADER_OFFSET = "eventbridge.audit.offset";
    public static final String HEADER_CONNECTOR = "eventbridge.connector";

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String connector;
    private final AtomicReference<ConnectException> fatal = new AtomicReference<>();

    /** @param producerProps bootstrap.servers and any client settings (security, ...) for the audit cluster */
    public AuditWriter(String topic, Map<String, Object> producerProps, String connector) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "eventbridge-sink-audit-" + connector);
        props.putAll(producerProps);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.connector = connector;
    }

    /** Writes the filtered event; the offset finishes in {@code partition} once the write is acknowledged. */
    public void write(SinkRecord record, JsonNode event, PartitionOffsets partition, long offset) {
        String where = record.originalTopic() + "-" + record.originalKafkaPartition() + "@" + offset;
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(
                topic, where.getBytes(StandardCharsets.UTF_8), event.toString().getBytes(StandardCharsets.UTF_8));
        out.headers()
                .add(HEADER_TOPIC, record.originalTopic().getBytes(StandardCharsets.UTF_8))
                .add(
                        HEADER_PARTITION,
                        Integer.toString(record.originalKafkaPartition()).getBytes(StandardCharsets.UTF_8))
                .add(HEADER_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8))
                .add(HEADER_CONNECTOR, connector.getBytes(StandardCharsets.UTF_8));
        producer.send(out, (metadata, error) -> {
            if (error == null) {
                partition.finish(offset);
            } else {
                log.error("Writing the audit copy of filtered record {} to {} failed", where, topic, error);
                fatal.compareAndSet(
                        null,
                        new ConnectException(
                                "Writing the audit copy of filtered record " + where
                                        + " to event.filter.audit.topic=" + topic + " failed: " + error.getMessage()
                                        + ". Check the topic and event.filter.audit.bootstrap.servers",
                                error));
            }
        });
    }

    /** The write failure that must fail the task, if one happened. */
    public ConnectException fatal() {
        return fatal.get();
    }

    /** Sends what is buffered and waits for the acknowledgements. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
