package io.eventbridge.kafka.sink;

import io.eventbridge.kafka.common.config.Version;
import io.eventbridge.kafka.sink.config.EventBridgeSinkConfig;
import io.eventbridge.kafka.sink.config.SinkConfigValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka -> Amazon EventBridge. A drop-in for AWS's sink: its config keys work unchanged. */
public class EventBridgeSinkConnector extends SinkConnector {
    private static final Logger log = LoggerFactory.getLogger(EventBridgeSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        EventBridgeSinkConfig config = new EventBridgeSinkConfig(props);
        this.props = Map.copyOf(props);
        log.info("Starting EventBridge sink {} for bus {}", config.connectorName(), config.eventBusArn());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return EventBridgeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(EventBridgeSinkConfig.TASK_ID_CONFIG, Integer.toString(i));
            task.put(EventBridgeSinkConfig.TASK_COUNT_CONFIG, Integer.toString(maxTasks));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        log.info("Stopping EventBridge sink");
    }

    @Override
    public ConfigDef config() {
        return EventBridgeSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return SinkConfigValidator.validate(super.validate(connectorConfigs), connectorConfigs);
    }
}
