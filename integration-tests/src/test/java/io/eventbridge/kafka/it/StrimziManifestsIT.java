package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.build.Artifact;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/strimzi read into Strimzi's own model classes (io.strimzi:api) and fabric8's Kubernetes model: every
 * manifest is a resource of a kind and API version they know, with no field they do not know (a typo would be kept
 * as an unknown property and ignored by the operator); the KafkaConnect builds its image from the plugin archives
 * this build makes and reads secrets through the config provider; and each KafkaConnector's config, its secret
 * references resolved from the Secret beside it as the provider would, passes its connector's validate().
 */
class StrimziManifestsIT {
    private static final Path STRIMZI = Paths.get("..", "deploy", "strimzi");
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern SECRET_REF = Pattern.compile("\\$\\{secrets:([^/}]+)/([^:}]+):([^}]+)}");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "KafkaConnect",
            KafkaConnect.class,
            "KafkaConnector",
            KafkaConnector.class,
            "Secret",
            Secret.class,
            "Role",
            Role.class,
            "RoleBinding",
            RoleBinding.class);

    private static final List<HasMetadata> resources = new ArrayList<>();

    @BeforeAll
    static void readEveryManifest() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(STRIMZI)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc == null || doc.isEmpty()) {
                        continue;
                    }
                    String kind = doc.path("kind").asText();
                    assertThat(KINDS)
                            .as("kind of a resource in %s", file.getFileName())
                            .containsKey(kind);
                    HasMetadata resource = YAML.treeToValue(doc, KINDS.get(kind));
                    List<String> unknown = new ArrayList<>();
                    unknownProperties(
                            resource, kind + " " + resource.getMetadata().getName(), unknown);
                    assertThat(unknown)
                            .as("fields the model does not know, in %s", file.getFileName())
                            .isEmpty();
                    resources.add(resource);
                }
            }
        }
    }

    /** Every unknown property kept anywhere in a model object tree (model classes keep them in a map). */
    private static void unknownProperties(Object node, String path, List<String> out) throws Exception {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownProperties(list.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.api") && !pkg.startsWith("io.fabric8.kubernetes.api")) {
            return; // a value: a string, a number, a connector's config map
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = m.invoke(node);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else if (!(value instanceof Map<?, ?>)) {
                unknownProperties(value, path + "." + m.getName().substring(3), out);
            }
        }
    }

    private static <T> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Secret secret(String namespace, String name) {
        return all(Secret.class).stream()
                .filter(s -> name.equals(s.getMetadata().getName())
                        && namespace.equals(s.getMetadata().getNamespace()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyResourceIsOfAnApiVersionItsModelServes() {
        assertThat(all(KafkaConnect.class)).hasSize(1);
        assertThat(all(KafkaConnector.class)).hasSize(3);
        for (HasMetadata r : resources) {
            String version = r.getApiVersion();
            if (r instanceof KafkaConnect) {
                assertThat(version).startsWith(KafkaConnect.RESOURCE_GROUP + "/");
                assertThat(KafkaConnect.VERSIONS).contains(version.substring(version.indexOf('/') + 1));
            } else if (r instanceof KafkaConnector) {
                assertThat(version).startsWith(KafkaConnector.RESOURCE_GROUP + "/");
                assertThat(KafkaConnector.VERSIONS).contains(version.substring(version.indexOf('/') + 1));
            } else {
                assertThat(version)
                        .as(r.getKind())
                        .isEqualTo(r instanceof Secret ? "v1" : "rbac.authorization.k8s.io/v1");
            }
        }
    }

    @Test
    void theConnectClusterBuildsItsImageFromThePluginArchivesThisBuildMakes() throws Exception {
        KafkaConnect connect = all(KafkaConnect.class).get(0);
        assertThat(connect.getMetadata().getAnnotations()).containsEntry("strimzi.io/use-connector-resources", "true");
        String version = readProjectVersion().replace("-SNAPSHOT", "");
        List<String> plugins = new ArrayList<>();
        for (Plugin plugin : connect.getSpec().getBuild().getPlugins()) {
            plugins.add(plugin.getName());
            assertThat(Files.isDirectory(LocalStack.pluginsDir().resolve(plugin.getName())))
                    .as("%s is a plugin this build packages", plugin.getName())
                    .isTrue();
            assertThat(plugin.getArtifacts()).hasSize(1);
            Artifact artifact = plugin.getArtifacts().get(0);
            assertThat(artifact).isInstanceOf(ZipArtifact.class);
            String url = ((ZipArtifact) artifact).getUrl();
            assertThat(url.substring(url.lastIndexOf('/') + 1))
                    .isEqualTo(plugin.getName() + "-" + version + "-plugin.zip");
        }
        assertThat(plugins)
                .containsExactlyInAnyOrder("kafka-connect-eventbridge-sink", "kafka-connect-eventbridge-source");
        assertThat(connect.getSpec().getConfig())
                .containsEntry("config.providers", "secrets")
                .containsEntry("config.providers.secrets.class", "io.strimzi.kafka.KubernetesSecretConfigProvider");
        JmxPrometheusExporterMetrics metrics =
                (JmxPrometheusExporterMetrics) connect.getSpec().getMetricsConfig();
        String key = metrics.getValueFrom().getConfigMapKeyRef().getKey();
        assertThat(Paths.get("..", "deploy", "monitoring", key))
                .as("the exporter rules the ConfigMap holds")
                .exists();
    }

    @Test
    void theConnectClustersServiceAccountMayReadTheCredentialsSecretAndNothingElse() {
        String connectName = all(KafkaConnect.class).get(0).getMetadata().getName();
        Role role = all(Role.class).get(0);
        RoleBinding binding = all(RoleBinding.class).get(0);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects())
                .anyMatch(s -> "ServiceAccount".equals(s.getKind()) && (connectName + "-connect").equals(s.getName()));
        Secret secret = all(Secret.class).get(0);
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getResourceNames())
                    .containsExactly(secret.getMetadata().getName());
            assertThat(rule.getVerbs()).containsExactly("get");
        });
    }

    @Test
    void everyConnectorsConfigWithItsSecretsResolvedPassesItsConnectorsValidation() throws Exception {
        String connectName = all(KafkaConnect.class).get(0).getMetadata().getName();
        for (KafkaConnector connector : all(KafkaConnector.class)) {
            String name = connector.getMetadata().getName();
            assertThat(connector.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", connectName);
            Map<String, String> config = new HashMap<>();
            boolean credentialsFromSecret = false;
            for (Map.Entry<String, Object> e : connector.getSpec().getConfig().entrySet()) {
                String value = String.valueOf(e.getValue());
                if (e.getKey().endsWith("access.key.id") || e.getKey().endsWith("secret.access.key")) {
                    assertThat(value)
                            .as("%s of %s comes from a Secret", e.getKey(), name)
                            .matches(SECRET_REF);
                    credentialsFromSecret = true;
                }
                config.put(e.getKey(), resolveSecrets(value));
            }
            assertThat(credentialsFromSecret)
                    .as("%s reads credentials from the Secret", name)
                    .isTrue();
            String connectorClass = connector.getSpec().getClassName();
            config.put("name", name);
            config.put("connector.class", connectorClass);
            config.put("tasks.max", String.valueOf(connector.getSpec().getTasksMax()));
            String plugin = connectorClass.contains(".sink.")
                    ? "kafka-connect-eventbridge-sink"
                    : "kafka-connect-eventbridge-source";
            assertThat(ExampleConfigsIT.validationErrors(plugin, connectorClass, config))
                    .as("%s validation errors", name)
                    .isEmpty();
        }
    }

    /** What the Kubernetes Secret config provider would give for ${secrets:namespace/name:key}. */
    private static String resolveSecrets(String value) {
        Matcher m = SECRET_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Secret secret = secret(m.group(1), m.group(2));
            assertThat(secret).as("Secret %s/%s", m.group(1), m.group(2)).isNotNull();
            assertThat(secret.getStringData())
                    .as("Secret %s/%s", m.group(1), m.group(2))
                    .containsKey(m.group(3));
            m.appendReplacement(
                    out, Matcher.quoteReplacement(secret.getStringData().get(m.group(3))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String readProjectVersion() throws Exception {
        Matcher m = Pattern.compile(
                        "<artifactId>kafka-connect-eventbridge-parent</artifactId>\\s*<version>([^<]+)" + "</version>")
                .matcher(Files.readString(Paths.get("..", "pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
