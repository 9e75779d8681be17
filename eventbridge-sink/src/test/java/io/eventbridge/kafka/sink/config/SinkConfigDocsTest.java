package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigDocs;
import io.eventbridge.kafka.common.config.ConfigDocsCheck;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/config/sink.md is generated from the sink's ConfigDef. This test fails when the checked-in
 * file differs; {@code ./scripts/update-config-docs.sh} writes it anew.
 */
class SinkConfigDocsTest {
    static final Path DOC = Paths.get("..", "docs", "config", "sink.md");

    static String generated() {
        return ConfigDocs.markdown(
                "EventBridge sink configuration",
                "Connector class `io.eventbridge.kafka.sink.EventBridgeSinkConnector`. Keys marked (AWS sink) are AWS's "
                        + "EventBridge sink's own and work unchanged; see [migrating-from-aws-sink.md]"
                        + "(../migrating-from-aws-sink.md). The framework's own keys (`topics`, `errors.tolerance`, "
                        + "`errors.deadletterqueue.*`, converters) apply as usual.",
                EventBridgeSinkConfig.CONFIG_DEF,
                EventBridgeSinkConfig.AWS_SINK_KEYS,
                "(AWS sink)");
    }

    @Test
    void checkedInConfigReferenceMatchesTheConfigDef() throws Exception {
        ConfigDocsCheck.assertUpToDate(DOC, generated());
    }

    @Test
    void everyKeyHasAGroupADocAndADisplayName() {
        ConfigDocsCheck.assertEveryKeyDocumented(EventBridgeSinkConfig.CONFIG_DEF);
    }
}
