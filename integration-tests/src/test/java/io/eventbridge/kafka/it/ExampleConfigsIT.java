package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example under config/ passes its connector's validate() with no error. The connector is loaded from
 * its packaged plugin folder, as a worker would load it.
 */
class ExampleConfigsIT {
    private static final Path CONFIG = Paths.get("..", "config");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> examples() throws IOException {
        return Files.list(CONFIG)
                .filter(p ->
                        p.toString().endsWith(".properties") || p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesWithoutErrors(Path example) throws Exception {
        Map<String, String> config = read(example);
        String connectorClass = config.get("connector.class");
        assertThat(connectorClass).as("connector.class in " + example).isNotNull();
        String plugin = connectorClass.contains(".sink.")
                ? "kafka-connect-eventbridge-sink"
                : "kafka-connect-eventbridge-source";
        assertThat(validationErrors(plugin, connectorClass, config))
                .as(example.getFileName() + " validation errors")
                .isEmpty();
    }

    /** What the connector's validate() says is wrong with a config, loaded from its plugin folder. */
    static List<String> validationErrors(String plugin, String connectorClass, Map<String, String> config)
            throws Exception {
        try (URLClassLoader loader = pluginLoader(plugin)) {
            Connector connector = (Connector)
                    loader.loadClass(connectorClass).getDeclaredConstructor().newInstance();
            Config result = connector.validate(config);
            List<String> errors = new ArrayList<>();
            for (ConfigValue v : result.configValues()) {
                v.errorMessages().forEach(m -> errors.add(v.name() + ": " + m));
            }
            return errors;
        }
    }

    /** A .properties file, a REST {"name", "config"} body, or an MSK CreateConnector request. */
    static Map<String, String> read(Path example) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (example.toString().endsWith(".properties")) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(example)) {
                p.load(r);
            }
            p.forEach((k, v) -> out.put(k.toString(), v.toString()));
            return out;
        }
        JsonNode root = JSON.readTree(example.toFile());
        JsonNode config = root.has("config") ? root.get("config") : root.get("connectorConfiguration");
        config.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        out.putIfAbsent(
                "name",
                root.has("name")
                        ? root.get("name").asText()
                        : root.path("connectorName").asText());
        return out;
    }

    /** The plugin's lib/ jars, the way plugin.path isolates them, on top of the Connect API. */
    static URLClassLoader pluginLoader(String plugin) throws IOException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files =
                Files.list(LocalStack.pluginsDir().resolve(plugin).resolve("lib"))) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(jars.toArray(new URL[0]), Connector.class.getClassLoader());
    }
}
