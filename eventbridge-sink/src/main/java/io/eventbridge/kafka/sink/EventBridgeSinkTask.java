package io.eventbridge.kafka.sink;

import io.eventbridge.kafka.common.aws.AwsClientConfig;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.common.dlq.DeadLetterReporter;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.schema.registry.SchemaPublisher;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.delivery.DeliveryEngine;
import io.eventbridge.kafka.sink.delivery.EventBridgeSender;
import io.eventbridge.kafka.sink.delivery.OffsetTracker;
import io.eventbridge.kafka.sink.filter.AuditWriter;
import io.eventbridge.kafka.sink.filter.EventFilter;
import io.eventbridge.kafka.sink.filter.Filters;
import io.eventbridge.kafka.sink.metrics.SinkMetrics;
import io.eventbridge.kafka.sink.offload.S3Offloader;
import io.eventbridge.kafka.sink.schema.DetailSchemas;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin task: builds the pipeline on start and hands it the framework's calls. Records flow
 * {@link RecordIntake} (map, size, offload or report) -> {@link DeliveryEngine} (batch, send, retry);
 * {@code preCommit} returns per partition only offsets whose records are all delivered or dead-lettered.
 */
public class EventBridgeSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(EventBridgeSinkTask.class);

    private AwsClientFactory aws;
    private SinkMetrics metrics;
    private DeliveryEngine engine;
    private RecordIntake intake;
    private OffsetTracker offsets;
    private EventFilter filter;
    private AuditWriter audit;
    private SchemaPublisher schemaPublisher;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        EventBridgeSinkConfig config = new EventBridgeSinkConfig(props);
        if (!AwsClientConfig.isKnownRegion(config.awsSettings().region())) {
            throw new ConnectException(
                    "Unknown AWS region '" + config.awsSettings().region() + "' in " + EventBridgeSinkConfig.AWS_PREFIX
                            + AwsClientConfig.REGION + ": use a region code such as us-east-1");
        }
        aws = new AwsClientFactory(config.awsSettings());
        metrics = new SinkMetrics(config.connectorName(), config.taskId());
        offsets = new OffsetTracker();
        S3Offloader offloader = config.offloadBucket() == null
                ? null
                : new S3Offloader(aws, config.offloadBucket(), config.offloadFieldRef(), config.offloadS3Endpoint());
        engine = new DeliveryEngine(
                new EventBridgeSender(aws, config.maxInFlight(), config.globalEndpointId()),
                offloader,
                config.retryPolicy(),
                metrics,
                new DeliveryEngine.Limits(
                        config.batchMaxEntries(),
                        config.batchMaxBytes(),
                        config.maxInFlight(),
                        config.adaptiveWindow(),
                        config.rateLimit(),
                        config.requestRateLimit()),
                "eventbridge-sink-" + config.connectorName() + "-" + config.taskId());
        filter = Filters.create(config, aws, metrics);
        audit = filter != null && config.auditTopic() != null
                ? new AuditWriter(config.auditTopic(), config.auditProducerProps(), config.connectorName())
                : null;
        intake = new RecordIntake(
                config,
                context,
                engine,
                offsets,
                metrics,
                DeadLetterReporter.create(context, props, config.connectorName()),
                offloader != null,
                filter,
                audit,
                detailSchemas(config));
        log.info(
                "Started EventBridge sink task {} of {} for bus {} ({} window of up to {} requests in flight{}, "
                        + "{} bytes per request, {})",
                config.taskId(),
                config.connectorName(),
                config.eventBusArn(),
                config.adaptiveWindow() ? "adaptive" : "fixed",
                config.maxInFlight(),
                config.requestRateLimit() > 0
                        ? String.format(java.util.Locale.ROOT, ", at most %.1f requests/s", config.requestRateLimit())
                        : "",
                config.batchMaxBytes(),
                config.retryPolicy());
    }

    /** With schema.registry.publish, what describes the Detail sent, publishing in the background. */
    private DetailSchemas detailSchemas(EventBridgeSinkConfig config) {
        if (!SchemaRegistryConfig.publish(config)) {
            return null;
        }
        schemaPublisher = new SchemaPublisher(
                new SignedSchemasClient(aws, config.schemasEndpoint()),
                SchemaRegistryConfig.settings(
                        config, "Detail sent by the EventBridge sink connector " + config.connectorName()),
                config.retryPolicy(),
                "eventbridge-sink-schemas-" + config.connectorName() + "-" + config.taskId());
        metrics.schemaRegistryGauges(
                schemaPublisher::versionsPublished,
                schemaPublisher::unchanged,
                schemaPublisher::failures,
                schemaPublisher::pending);
        log.info(
                "Publishing the schemas of sent events to registry {} as {}",
                schemaPublisher.settings().registry(),
                schemaPublisher.settings().format().registryType());
        return new DetailSchemas(
                config.detailMode(),
                schemaPublisher.settings().format(),
                described -> schemaPublisher.offer(described.schemaName(), described.document(), described.widening()));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        intake.put(records);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        intake.reportFailures();
        return offsets.committable(current);
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        intake.drain();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        offsets.close(partitions);
    }

    @Override
    public void stop() {
        if (offsets != null) {
            offsets.closeAll();
        }
        if (engine != null) {
            engine.close();
        }
        if (filter != null) {
            filter.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (schemaPublisher != null) {
            schemaPublisher.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        log.info("Stopped EventBridge sink task");
    }
}
