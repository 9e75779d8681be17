package io.eventbridge.kafka.source;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.source.config.MalformedBehavior;
import io.eventbridge.kafka.source.config.RecordConfig;
import io.eventbridge.kafka.source.config.SchemaMode;
import io.eventbridge.kafka.source.config.SourceTaskConfig;
import io.eventbridge.kafka.source.config.SqsConfig;
import io.eventbridge.kafka.source.metrics.SourceMetrics;
import io.eventbridge.kafka.source.parse.EventParser;
import io.eventbridge.kafka.source.record.MessagePipeline;
import io.eventbridge.kafka.source.record.RecordFactory;
import io.eventbridge.kafka.source.record.SqsSourceRecord;
import io.eventbridge.kafka.source.route.TopicRouter;
import io.eventbridge.kafka.source.schema.InferredSchemaPublishing;
import io.eventbridge.kafka.source.schema.SchemaInference;
import io.eventbridge.kafka.source.schema.SharedInference;
import io.eventbridge.kafka.source.sqs.Deleter;
import io.eventbridge.kafka.source.sqs.InFlightMessages;
import io.eventbridge.kafka.source.sqs.QueueReceiver;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import io.eventbridge.kafka.source.sqs.VisibilityExtender;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Receives EventBridge events from SQS and writes them to Kafka. A message is deleted only after Kafka
 * acknowledged its record ({@link #commitRecord}); until then its visibility is extended, and whatever is not
 * deleted when the task stops simply becomes visible again.
 */
public class EventBridgeSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(EventBridgeSourceTask.class);
    private static final long POLL_WAIT_MS = 500;
    private static final long STOP_DELETE_WAIT_MS = 5_000;

    private AwsClientFactory clients;
    private SqsClient sqs;
    private SourceMetrics metrics;
    private InFlightMessages inFlight;
    private MessagePipeline pipeline;
    private QueueReceiver receiver;
    private VisibilityExtender extender;
    private Deleter deleter;
    private int pollMaxRecords;
    private SchemaInference.ShapeStore shapeStore;
    private String sharedInferenceOf;
    private InferredSchemaPublishing schemaPublishing;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceTaskConfig config = new SourceTaskConfig(props);
        String name = props.getOrDefault("name", "eventbridge-source");
        String taskId = props.getOrDefault(EventBridgeSourceConnector.TASK_ID, "0");
        List<String> loops = config.receiveLoops();
        metrics = new SourceMetrics(name, taskId);
        clients = new AwsClientFactory(config.sqsClient());
        int waitSeconds = config.getInt(SqsConfig.WAIT_TIME_CONFIG);
        int deleteCalls = config.getInt(SqsConfig.DELETE_IN_FLIGHT_CONFIG);
        // a blocking client: every call has a thread of its own (receive loops, delete calls), and blocking
        // calls cost less CPU than the non-blocking client's per-call pipeline
        sqs = clients.configure(SqsClient.builder(), null)
                .httpClient(clients.syncHttpClient(deleteCalls + 2, 0))
                .build();
        // the receive loops have a client of their own: closing it on stop ends their long polls. Its attempt
        // timeout is the long poll's wait plus the usual one, set once here rather than on every request (a
        // request's own override configuration is merged into the client's on every call)
        SqsClient receiveSqs = clients.configure(SqsClient.builder(), null)
                .overrideConfiguration(clients.overrideConfiguration().toBuilder()
                        .apiCallAttemptTimeout(java.time.Duration.ofMillis(
                                waitSeconds * 1000L + config.sqsClient().apiCallAttemptTimeoutMs()))
                        .build())
                .httpClient(clients.syncHttpClient(loops.size(), waitSeconds * 1000L))
                .build();
        inFlight = new InFlightMessages(config.getInt(SqsConfig.BUFFER_CONFIG));
        metrics.gauge("messages-in-flight", "Messages received and not yet deleted", inFlight::size);
        metrics.gauge("oldest-message-age-ms", "Age of the oldest held message, from its SentTimestamp (ms)", () -> {
            long oldest = inFlight.oldestSentTimestamp();
            return oldest < 0 ? 0 : System.currentTimeMillis() - oldest;
        });
        pipeline = new MessagePipeline(
                new EventParser(
                        config.nonEnvelopeBehavior(),
                        config.getString(RecordConfig.FALLBACK_SOURCE_CONFIG),
                        config.getString(RecordConfig.FALLBACK_DETAIL_TYPE_CONFIG)),
                new RecordFactory(
                                new TopicRouter(config.getString(RecordConfig.TOPIC_CONFIG), config.routes()),
                                config.keyMode(),
                                config.getString(RecordConfig.KEY_PATH_CONFIG),
                                config.valueMode(),
                                inference(config, name, taskId),
                                config.messageAttributes(),
                                config.malformedBehavior() == MalformedBehavior.DEAD_LETTER
                                        ? config.getString(RecordConfig.DLQ_TOPIC_CONFIG)
                                        : null,
                                name)
                        .replayName(props.get(EventBridgeSourceConnector.REPLAY_NAME)),
                inFlight,
                metrics);
        deleter = new Deleter(
                sqs::deleteMessageBatch,
                config.retryPolicy(),
                new Deleter.Listener() {
                    @Override
                    public void deleted(SqsMessage message) {
                        inFlight.remove(message);
                        metrics.deleted();
                    }

                    @Override
                    public void failed(SqsMessage message, String errorCode) {
                        inFlight.remove(message);
                        metrics.deleteFailed();
                    }

                    @Override
                    public void batch(int entries) {
                        metrics.deleteBatch(entries);
                    }
                },
                name + "-" + taskId,
                config.getInt(SqsConfig.DELETE_BATCH_CONFIG),
                deleteCalls);
        int visibility = config.getInt(SqsConfig.VISIBILITY_CONFIG);
        extender = new VisibilityExtender(sqs, inFlight, visibility, metrics::extended, name + "-" + taskId);
        receiver = new QueueReceiver(
                receiveSqs,
                loops,
                new QueueReceiver.Settings(
                        waitSeconds,
                        config.getInt(SqsConfig.MAX_MESSAGES_CONFIG),
                        visibility,
                        config.messageAttributes()),
                inFlight,
                config.retryPolicy(),
                pipeline,
                metrics::received);
        pollMaxRecords = config.getInt(SqsConfig.POLL_MAX_RECORDS_CONFIG);
        extender.start();
        receiver.start(name + "-" + taskId);
        log.info(
                "Started EventBridge source task {} of {}: {} receive loops over {}",
                taskId,
                name,
                loops.size(),
                loops.stream().distinct().toList());
    }

    /**
     * With schema.mode=infer, the schemas this connector's tasks in this worker share, read back from the
     * shapes that records of earlier runs committed as source offsets.
     */
    private SchemaInference inference(SourceTaskConfig config, String name, String taskId) {
        if (config.schemaMode() != SchemaMode.INFER) {
            return null;
        }
        OffsetStorageReader offsets = context == null ? null : context.offsetStorageReader();
        shapeStore = offsets == null ? null : offsets::offset;
        sharedInferenceOf = name;
        SchemaInference inference = SharedInference.acquire(name, shapeStore);
        schemaPublishing = InferredSchemaPublishing.start(
                config, inference, clients, config.retryPolicy(), metrics, name + "-" + taskId);
        return inference;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Throwable failure = receiver.failure();
        if (failure != null) {
            throw new ConnectException(failure.getMessage(), failure);
        }
        List<SourceRecord> records = pipeline.drain(pollMaxRecords, POLL_WAIT_MS);
        return records.isEmpty() ? null : records;
    }

    /**
     * Kafka acknowledged the record, or it will not be written at all (metadata null: an SMT filtered it or
     * errors.tolerance=all dropped it); either way its message is done with and is deleted.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof SqsSourceRecord sqsRecord) {
            if (metadata != null) {
                metrics.written(sqsRecord.message().sentTimestamp());
            }
            deleter.delete(sqsRecord.message());
        }
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (deleter != null) {
            try {
                if (!deleter.flush(STOP_DELETE_WAIT_MS)) {
                    log.info(
                            "{} acknowledged messages were not deleted before stop; they will be delivered again",
                            deleter.pending());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleter.close();
        }
        if (extender != null) {
            extender.close();
            // what is still held was not written, or not acknowledged: let it be received again now, not after
            // its visibility timeout
            int released = extender.releaseAll();
            if (released > 0) {
                log.info("Released {} messages not yet acknowledged by Kafka; they will be delivered again", released);
            }
        }
        if (sqs != null) {
            sqs.close();
        }

        if (clients != null) {
            clients.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (schemaPublishing != null) {
            schemaPublishing.close();
            schemaPublishing = null;
        }
        if (sharedInferenceOf != null) {
            SharedInference.release(sharedInferenceOf, shapeStore);
            sharedInferenceOf = null;
        }
        log.info("Stopped EventBridge source task");
    }
}
