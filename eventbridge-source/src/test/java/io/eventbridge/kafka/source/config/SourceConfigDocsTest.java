package io.eventbridge.kafka.source.config;

import io.eventbridge.kafka.common.config.ConfigDocs;
import io.eventbridge.kafka.common.config.ConfigDocsCheck;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/config/source.md is generated from the source's ConfigDef. This test fails when the checked-in
 * file differs; {@code ./scripts/update-config-docs.sh} writes it anew.
 */
class SourceConfigDocsTest {
    static final Path DOC = Paths.get("..", "docs", "config", "source.md");

    static String generated() {
        return ConfigDocs.markdown(
                "EventBridge source configuration",
                "Connector class `io.eventbridge.kafka.source.EventBridgeSourceConnector`. Routing rules add keys of "
                        + "their own: `route.<name>.pattern` (an EventBridge event pattern) and `route.<name>.topic` (a topic "
                        + "template) for each name in `routes`.",
                EventBridgeSourceConfig.CONFIG_DEF,
                Set.of(),
                "");
    }

    @Test
    void checkedInConfigReferenceMatchesTheConfigDef() throws Exception {
        ConfigDocsCheck.assertUpToDate(DOC, generated());
    }

    @Test
    void everyKeyHasAGroupADocAndADisplayName() {
        ConfigDocsCheck.assertEveryKeyDocumented(EventBridgeSourceConfig.CONFIG_DEF);
    }
}
