package io.eventbridge.kafka.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The shared checks of a generated config reference: the checked-in file equals what the ConfigDef
 * generates (rewritten first when {@code -Ddocs.update=true}), and every key is documented.
 */
public final class ConfigDocsCheck {
    private ConfigDocsCheck() {}

    public static void assertUpToDate(Path doc, String generated) throws IOException {
        if (Boolean.getBoolean("docs.update")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        String name = "docs/config/" + doc.getFileName();
        assertThat(doc)
                .as(name + " exists; run ./scripts/update-config-docs.sh")
                .exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as(name + " is stale; run ./scripts/update-config-docs.sh")
                .isEqualTo(generated);
    }

    public static void assertEveryKeyDocumented(ConfigDef def) {
        def.configKeys().values().forEach(key -> {
            assertThat(key.group).as(key.name + " group").isNotBlank();
            assertThat(key.documentation).as(key.name + " doc").isNotBlank();
            assertThat(key.displayName)
                    .as(key.name + " display name")
                    .isNotBlank()
                    .isNotEqualTo(key.name);
        });
    }
}
