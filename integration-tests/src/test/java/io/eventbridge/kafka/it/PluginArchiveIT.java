package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged plugins (the zips the build made, as unpacked for plugin.path): one folder with lib/ and doc/,
 * the connector registered through META-INF/services, the CloudEvents converter bundled, and no Kafka or
 * Connect classes that would shadow the worker's own.
 */
class PluginArchiveIT {
    @ParameterizedTest
    @ValueSource(strings = {"kafka-connect-eventbridge-sink", "kafka-connect-eventbridge-source"})
    void holdsTheConnectorAndItsDependenciesButNoKafkaClasses(String plugin) throws IOException {
        Path dir = LocalStack.pluginsDir().resolve(plugin);
        assertThat(dir.resolve("doc").resolve("README.md")).exists();
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir.resolve("lib"))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).isNotEmpty();
        List<String> kafkaClasses = new ArrayList<>();
        List<String> services = new ArrayList<>();
        boolean converter = false;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                var entries = file.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith("org/apache/kafka/") && name.endsWith(".class")) {
                        kafkaClasses.add(jar.getFileName() + "!" + name);
                    }
                    if (name.startsWith("META-INF/services/org.apache.kafka.connect.")) {
                        services.add(name);
                    }
                    converter |= name.equals("io/eventbridge/kafka/cloudevents/CloudEventsConverter.class");
                }
            }
        }
        assertThat(kafkaClasses).as("Kafka or Connect classes in " + plugin).isEmpty();
        assertThat(converter).as("CloudEvents converter bundled in " + plugin).isTrue();
        assertThat(services)
                .contains(
                        "META-INF/services/org.apache.kafka.connect.storage.Converter",
                        "META-INF/services/org.apache.kafka.connect.transforms.Transformation",
                        plugin.endsWith("sink")
                                ? "META-INF/services/org.apache.kafka.connect.sink.SinkConnector"
                                : "META-INF/services/org.apache.kafka.connect.source.SourceConnector");
        assertThat(jars.stream().map(j -> j.getFileName().toString()))
                .noneMatch(
                        n -> n.startsWith("kafka-clients") || n.startsWith("connect-api") || n.startsWith("slf4j-api"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sink", "source"})
    void theConfluentHubArchiveHasItsManifestLibEtcAndDoc(String kind) throws IOException {
        Path target = Path.of("..", "eventbridge-" + kind, "target");
        Path archive;
        try (Stream<Path> files = Files.list(target)) {
            archive = files.filter(f -> f.getFileName().toString().endsWith("-confluent-hub.zip"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Confluent Hub archive in " + target.toAbsolutePath()));
        }
        List<String> entries = new ArrayList<>();
        String manifest = null;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            var all = zip.entries();
            while (all.hasMoreElements()) {
                var entry = all.nextElement();
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                entries.add(name);
                if (name.equals("manifest.json")) {
                    manifest = new String(
                            zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(manifest).as("manifest.json").isNotNull();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
        assertThat(json.get("name").asText()).isEqualTo("kafka-connect-eventbridge-" + kind);
        assertThat(json.get("version").asText()).doesNotContain("${").isNotBlank();
        assertThat(json.get("component_types").toString()).contains(kind, "converter", "transform");
        assertThat(entries)
                .contains(
                        "doc/README.md",
                        "doc/LICENSE",
                        "doc/THIRD-PARTY.txt",
                        "etc/eventbridge-" + kind + ".properties",
                        "etc/eventbridge-" + kind + ".json");
        assertThat(entries).anyMatch(e -> e.startsWith("lib/eventbridge-" + kind + "-") && e.endsWith(".jar"));
        assertThat(entries).noneMatch(e -> e.startsWith("lib/kafka-clients") || e.startsWith("lib/connect-api"));
    }
}
