package io.eventbridge.kafka.source;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import io.eventbridge.kafka.source.config.SourceConfigValidator;
import io.eventbridge.kafka.source.config.SourceTaskConfig;
import io.eventbridge.kafka.source.config.SqsConfig;
import io.eventbridge.kafka.source.replay.ReplaySpec;
import io.eventbridge.kafka.source.replay.ReplayStarter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon EventBridge -> Kafka through SQS: a bus rule targets a queue, the connector long-polls it and
 * deletes a message only after Kafka acknowledged its record. At least once: see docs/delivery-semantics.md.
 * In subscription mode the connector first reconciles the queue, its policy and the rules it owns, so its tasks
 * start only once their queue exists (docs/subscriptions.md).
 */
public class EventBridgeSourceConnector extends SourceConnector {
    static final String TASK_ID = "task.id";
    /** Set by the connector for the tasks: the name of the configured replay, whose records carry its offset. */
    static final String REPLAY_NAME = "task.replay.name";

    private static final Logger log = LoggerFactory.getLogger(EventBridgeSourceConnector.class);

    private Map<String, String> props;
    private EventBridgeSourceConfig config;
    private List<String> queueUrls;
    private ReplayStarter replay;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = new EventBridgeSourceConfig(props);
        this.queueUrls = Subscriptions.queues(config, props.getOrDefault("name", "eventbridge-source"));
        ReplaySpec spec = config.replay();
        Map<String, String> taskProps = new HashMap<>(props);
        if (spec != null) {
            String name = spec.name(props.getOrDefault("name", "eventbridge-source"));
            taskProps.put(REPLAY_NAME, name);
            replay = new ReplayStarter(new AwsClientFactory(config.sqsClient()), config.eventBridgeEndpoint());
            replay.startOnce(spec, name, context() == null ? null : context().offsetStorageReader());
        }
        this.props = Map.copyOf(taskProps);
        log.info("Starting EventBridge source: {}", config.summary());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return EventBridgeSourceTask.class;
    }

    /** Spreads queues x receive loops over the tasks, each task getting a mix of queues. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> loops = receiveLoops(queueUrls, config.getInt(SqsConfig.LOOPS_CONFIG));
        int tasks = Math.min(maxTasks, loops.size());
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < loops.size(); i += tasks) {
                mine.add(loops.get(i));
            }
            Map<String, String> task = new HashMap<>(props);
            task.put(SourceTaskConfig.TASK_LOOPS_CONFIG, String.join(",", mine));
            task.put(TASK_ID, Integer.toString(t));
            configs.add(task);
        }
        return configs;
    }

    /** Every queue {@code loopsPerQueue} times, queues interleaved: [q1, q2, q1, q2, ...]. */
    static List<String> receiveLoops(List<String> queues, int loopsPerQueue) {
        List<String> loops = new ArrayList<>();
        for (int i = 0; i < loopsPerQueue; i++) {
            loops.addAll(queues);
        }
        return loops;
    }

    @Override
    public void stop() {
        if (replay != null) {
            replay.close();
            replay = null;
        }
        log.info("Stopping EventBridge source");
    }

    @Override
    public ConfigDef config() {
        return EventBridgeSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return SourceConfigValidator.validate(super.validate(connectorConfigs), connectorConfigs);
    }

    /**
     * Not exactly once: a message is deleted after its record is written, so a crash between the two writes
     * the record again when the message reappears. Consumers dedupe by the event id (the default key).
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }
}
