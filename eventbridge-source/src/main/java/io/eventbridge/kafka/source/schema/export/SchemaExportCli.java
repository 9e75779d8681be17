package io.eventbridge.kafka.source.schema.export;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.schemas.SignedSchemasClient;
import io.eventbridge.kafka.schema.registry.SchemaRegistryConfig;
import io.eventbridge.kafka.source.config.ConfigFiles;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports the current schemas of the events a source connector receives as files, ready for code generation:
 * {@code .avsc} for Avro's compiler, {@code .schema.json} (JSON Schema draft 4) for a JSON Schema generator. Run
 * through {@code bin/eventbridge-schemas} in the source's archive.
 *
 * <ul>
 *   <li>{@code --from glue}: the latest Avro versions in the Glue Schema Registry that the value converter
 *       registers to ({@code value.converter.registry.name} of the config, or {@code --registry});</li>
 *   <li>{@code --from eventbridge}: the EventBridge schema registry the connector publishes to
 *       ({@code schema.registry.name}, or {@code --registry}); JSON Schema only;</li>
 *   <li>{@code --from offsets}: the schemas the connector's tasks inferred, from its offsets through the Connect
 *       REST API ({@code --connect-url}, {@code --connector}); no AWS access needed.</li>
 * </ul>
 */
public final class SchemaExportCli {
    private static final String USAGE = "usage: eventbridge-schemas export --from glue|eventbridge|offsets "
            + "--format avsc|jsonschema --out DIR\n"
            + "         [--config FILE] [--registry NAME] [--endpoint URL] [--schema NAME]...\n"
            + "         [--connect-url URL --connector NAME]   (for --from offsets)\n"
            + "FILE: the source connector's config, standalone .properties or REST .json; it gives the AWS region and\n"
            + "credentials, and the registry names, for --from glue and --from eventbridge";

    private SchemaExportCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 done, 1 failed, 2 wrong usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("export")) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (!List.of(
                            "--from",
                            "--format",
                            "--out",
                            "--config",
                            "--registry",
                            "--endpoint",
                            "--schema",
                            "--connect-url",
                            "--connector")
                    .contains(option)) {
                err.println("unknown option " + option + "\n" + USAGE);
                return 2;
            }
            if (i + 1 >= args.length) {
                err.println(option + " needs a value\n" + USAGE);
                return 2;
            }
            if (option.equals("--schema")) {
                names.add(args[++i]);
            } else {
                options.put(option, args[++i]);
            }
        }
        String from = options.get("--from");
        String format = options.get("--format");
        if (!List.of("glue", "eventbridge", "offsets").contains(String.valueOf(from))
                || !List.of("avsc", "jsonschema").contains(String.valueOf(format))
                || !options.containsKey("--out")) {
            err.println(USAGE);
            return 2;
        }
        if (from.equals("eventbridge") && format.equals("avsc")) {
            err.println("An EventBridge schema registry holds OpenAPI and JSON Schema, not Avro: export .avsc "
                    + "--from glue or --from offsets, or --format jsonschema");
            return 2;
        }
        try (SchemaSource source = source(from, options)) {
            if (source == null) {
                err.println(USAGE);
                return 2;
            }
            Path dir = Files.createDirectories(Path.of(options.get("--out")));
            List<ExportedSchema> schemas = source.schemas(names);
            for (ExportedSchema schema : schemas) {
                boolean avsc = format.equals("avsc");
                String text = avsc ? schema.avsc() : schema.jsonSchema();
                Path file = dir.resolve(fileName(schema.name()) + (avsc ? ".avsc" : ".schema.json"));
                Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
                out.println("Wrote " + file);
            }
            out.println(schemas.isEmpty() ? "No schemas found." : schemas.size() + " schema(s) exported.");
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static SchemaSource source(String from, Map<String, String> options) throws IOException {
        if (from.equals("offsets")) {
            if (!options.containsKey("--connect-url") || !options.containsKey("--connector")) {
                return null;
            }
            return new OffsetSchemas(options.get("--connect-url"), options.get("--connector"));
        }
        if (!options.containsKey("--config")) {
            return null;
        }
        Map<String, String> props = ConfigFiles.read(Path.of(options.get("--config")));
        EventBridgeSourceConfig config = new EventBridgeSourceConfig(props);
        AwsClientFactory aws = new AwsClientFactory(config.sqsClient());
        if (from.equals("glue")) {
            String registry = options.getOrDefault(
                    "--registry", props.getOrDefault("value.converter.registry.name", "default-registry"));
            return new GlueSchemas(
                    aws, options.getOrDefault("--endpoint", props.get("value.converter.endpoint")), registry);
        }
        String registry = options.getOrDefault("--registry", config.getString(SchemaRegistryConfig.NAME_CONFIG));
        String endpoint = options.getOrDefault("--endpoint", SchemaRegistryConfig.endpoint(config));
        return new RegistrySchemas(new SignedSchemasClient(aws, endpoint), registry);
    }

    /** A schema name as a file name: what a file name should not hold becomes {@code _}. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9@._-]", "_");
    }
}
