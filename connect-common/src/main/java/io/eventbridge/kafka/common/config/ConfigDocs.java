package io.eventbridge.kafka.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/**
 * Writes a connector's config reference as Markdown, from its ConfigDef: one table per group, in
 * group order, each key with type, default, valid values, importance and doc.
 */
public final class ConfigDocs {
    private ConfigDocs() {}

    /**
     * @param markedKeys keys to flag with {@code markLabel} (e.g. the keys AWS's sink also has)
     */
    public static String markdown(String title, String intro, ConfigDef def, Set<String> markedKeys, String markLabel) {
        Map<String, List<ConfigKey>> byGroup = new LinkedHashMap<>();
        def.groups().forEach(g -> byGroup.put(g, new ArrayList<>()));
        for (ConfigKey key : def.configKeys().values()) {
            byGroup.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>())
                    .add(key);
        }
        StringBuilder out = new StringBuilder();
        out.append("# ")
                .append(title)
                .append("\n\n")
                .append(intro)
                .append("\n\n")
                .append("<!-- Generated from the ConfigDef; a test fails when this file is stale. -->\n");
        byGroup.forEach((group, keys) -> {
            if (keys.isEmpty()) {
                return;
            }
            keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            out.append("\n## ")
                    .append(group)
                    .append("\n\n")
                    .append("| key | type | default | valid values | importance | description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : keys) {
                out.append("| `")
                        .append(key.name)
                        .append('`')
                        .append(markedKeys.contains(key.name) ? " " + markLabel : "")
                        .append(" | ")
                        .append(key.type.toString().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ")
                        .append(defaultValue(key))
                        .append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString()))
                        .append(" | ")
                        .append(key.importance.toString().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ")
                        .append(cell(key.documentation))
                        .append(" |\n");
            }
        });
        return out.toString();
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "";
        }
        if (value instanceof Password) {
            return "[hidden]";
        }
        String text = value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text == null
                ? ""
                : text.replace("|", "\\|")
                        .replace("\n", " ")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;");
    }
}
