package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.Recommenders;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Archive replay: the connector starts an EventBridge replay once per distinct replay configuration. */
public final class ReplayConfig {
    public static final String GROUP = "Archive replay";

    public static final String ARCHIVE_CONFIG = "replay.archive.arn";
    public static final String ARCHIVE_DOC = "ARN of an EventBridge archive to replay from. The replay goes to the "
            + "archive's bus, whose rules deliver the events to the queues again, with replay-name set. Started once per "
            + "distinct archive, start, end and rules; unset: no replay.";
    public static final String ARCHIVE_DISPLAY = "Archive ARN";

    public static final String START_CONFIG = "replay.start";
    public static final String START_DOC = "Start of the replayed time range, ISO-8601 (2026-11-01T00:00:00Z).";
    public static final String START_DISPLAY = "Replay from";

    public static final String END_CONFIG = "replay.end";
    public static final String END_DOC = "End of the replayed time range (exclusive), ISO-8601.";
    public static final String END_DISPLAY = "Replay until";

    public static final String RULES_CONFIG = "replay.rule.arns";
    public static final String RULES_DOC = "Rules the replay may deliver to (StartReplay's FilterArns), normally the "
            + "rules that target this connector's queues. Empty: every rule on the bus receives the replayed events.";
    public static final String RULES_DISPLAY = "Replay to rules";

    public static final String ENDPOINT_CONFIG = "replay.eventbridge.endpoint.uri";
    public static final String ENDPOINT_DOC = "Older name of aws.eventbridge.endpoint.uri, used when that is unset.";
    public static final String ENDPOINT_DISPLAY = "EventBridge endpoint URI";

    private ReplayConfig() {}

    static void addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
                .key(ARCHIVE_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ARCHIVE_DOC)
                .display(ARCHIVE_DISPLAY)
                .width(Width.LONG)
                .dependents(START_CONFIG, END_CONFIG, RULES_CONFIG)
                .define()
                .key(START_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(START_DOC)
                .display(START_DISPLAY)
                .recommender(Recommenders.visibleWhenSet(ARCHIVE_CONFIG))
                .define()
                .key(END_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(END_DOC)
                .display(END_DISPLAY)
                .recommender(Recommenders.visibleWhenSet(ARCHIVE_CONFIG))
                .define()
                .key(RULES_CONFIG, Type.LIST)
                .defaultValue("")
                .importance(Importance.LOW)
                .doc(RULES_DOC)
                .display(RULES_DISPLAY)
                .recommender(Recommenders.visibleWhenSet(ARCHIVE_CONFIG))
                .define()
                .key(ENDPOINT_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(ENDPOINT_DOC)
                .display(ENDPOINT_DISPLAY)
                .recommender(Recommenders.visibleWhenSet(ARCHIVE_CONFIG))
                .define();
    }
}
