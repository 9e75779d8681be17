package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.it.LocalStack;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A command of the source's archive ({@code bin/<name>}) run as a user runs it: by bash, with the plugin's lib/
 * and Kafka's client jars (KAFKA_CLASSPATH), in a JVM of its own.
 */
final class ArchiveCommand {
    record Run(int exit, String out) {}

    private ArchiveCommand() {}

    static Run run(String command, String... args) throws Exception {
        Path script = LocalStack.pluginsDir()
                .resolve("kafka-connect-eventbridge-source")
                .resolve("bin")
                .resolve(command);
        assertThat(script).exists();
        List<String> line = new ArrayList<>(List.of("bash", script.toString()));
        line.addAll(List.of(args));
        String kafkaJars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.matches(".*/(kafka-clients|connect-api|slf4j-api|log4j-[a-z0-9-]+)-[0-9.]+\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().put("KAFKA_CLASSPATH", kafkaJars);
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
