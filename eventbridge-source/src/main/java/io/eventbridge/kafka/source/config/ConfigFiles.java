package io.eventbridge.kafka.source.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A connector config file as the source's commands read it: standalone .properties or REST .json. */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** The config's keys; from a REST .json ({"name":..., "config":{...}}) also its name, as {@code name}. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> props = new HashMap<>();
        if (file.toString().endsWith(".json")) {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode config = root.has("config") ? root.get("config") : root;
            config.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
            if (root.has("name")) {
                props.putIfAbsent("name", root.get("name").asText());
            }
        } else {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        }
        return props;
    }
}
