package io.eventbridge.kafka.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.config.ConfigDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        return ConfigDocs.markdown("EventBridge sink configuration",
            "Connector class `io.eventbridge.kafka.sink.EventBridgeSinkConnector`. Keys marked (AWS sink) are AWS's "
                + "EventBridge sink's own and work unchanged; see [migrating-from-aws-sink.md]"
                + "(../migrating-from-aws-sink.md). The framework's own keys (`topics`, `errors.tolerance`, "
                + "`errors.deadletterqueue.*`, converters) apply as usual.",
            EventBridgeSinkConfig.CONFIG_DEF, EventBridgeSinkConfig.AWS_SINK_KEYS, "(AWS sink)");
    }

    @Test
    void checkedInConfigReferenceMatchesTheConfigDef() throws Exception {
        String expected = generated();
        if (Boolean.getBoolean("docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/config/sink.md exists; run ./scripts/update-config-docs.sh").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
            .as("docs/config/sink.md is stale; run ./scripts/update-config-docs.sh").isEqualTo(expected);
    }

    @Test
    void everyKeyHasAGroupADocAndADisplayName() {
        EventBridgeSinkConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertThat(key.group).as(key.name + " group").isNotBlank();
            assertThat(key.documentation).as(key.name + " doc").isNotBlank();
            assertThat(key.displayName).as(key.name + " display name").isNotBlank().isNotEqualTo(key.name);
        });
    }
}
