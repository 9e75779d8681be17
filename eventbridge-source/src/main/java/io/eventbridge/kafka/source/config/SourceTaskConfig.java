package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** A task's settings: the connector's, plus the receive loops the connector assigned to it. */
public final class SourceTaskConfig extends EventBridgeSourceConfig {
    public static final String TASK_LOOPS_CONFIG = "task.receive.loops";
    public static final String TASK_LOOPS_DOC = "Set by the connector: one queue URL per receive loop of this task.";

    public static final ConfigDef TASK_CONFIG_DEF = taskConfigDef();

    public SourceTaskConfig(Map<String, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    private static ConfigDef taskConfigDef() {
        ConfigDef def = new ConfigDef(CONFIG_DEF);
        new ConfigGroup(def, "Task")
                .key(TASK_LOOPS_CONFIG, Type.LIST)
                .importance(Importance.LOW)
                .doc(TASK_LOOPS_DOC)
                .display("Receive loops of the task")
                .define();
        return def;
    }

    /** One entry per receive loop: the URL of the queue it receives from. */
    public List<String> receiveLoops() {
        return getList(TASK_LOOPS_CONFIG);
    }
}
