package io.eventbridge.kafka.cloudevents.config;

import io.eventbridge.kafka.common.config.ConfigDocs;
import io.eventbridge.kafka.common.config.ConfigDocsCheck;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/config/cloudevents-converter.md is generated from the converter's ConfigDef. This test fails when
 * the checked-in file differs; {@code ./scripts/update-config-docs.sh} writes it anew.
 */
class ConverterConfigDocsTest {
    static final Path DOC = Paths.get("..", "docs", "config", "cloudevents-converter.md");

    static String generated() {
        return ConfigDocs.markdown(
                "CloudEvents converter configuration",
                "Converter class `io.eventbridge.kafka.cloudevents.CloudEventsConverter`. Give each key with the "
                        + "converter's prefix, e.g. `value.converter.encoding=structured`. What the Connect Struct of an event "
                        + "looks like, and how EventBridge events map to CloudEvents, is in "
                        + "[cloudevents.md](../cloudevents.md).",
                CloudEventsConverterConfig.CONFIG_DEF,
                Set.of(),
                "");
    }

    @Test
    void checkedInConfigReferenceMatchesTheConfigDef() throws Exception {
        ConfigDocsCheck.assertUpToDate(DOC, generated());
    }

    @Test
    void everyKeyHasAGroupADocAndADisplayName() {
        ConfigDocsCheck.assertEveryKeyDocumented(CloudEventsConverterConfig.CONFIG_DEF);
    }
}
