package io.eventbridge.kafka.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.it.EmbeddedStackTest;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Rule;

/**
 * The subscription CLI of the source's archive (bin/eventbridge-subscription, run by bash with the plugin's lib/ and
 * Kafka's client jars) leaves the account as it says: plan changes nothing, apply creates what plan listed, a second
 * plan has nothing to do, and teardown deletes exactly the resources tagged as the connector's.
 */
class SubscriptionCliIT extends EmbeddedStackTest {
    @TempDir
    Path dir;

    private static ArchiveCommand.Run cli(String... args) throws Exception {
        return ArchiveCommand.run("eventbridge-subscription", args);
    }

    private static EventBridgeClient events() {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(eventBridge.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
    }

    private static List<String> queues() {
        return stack.sqs()
                .client()
                .listQueues(b -> b.queueNamePrefix("eventbridge-cli-sub"))
                .queueUrls();
    }

    @Test
    void planApplyAndTeardownLeaveTheAccountAsTheySay() throws Exception {
        eventBridge.createBus("cli-bus");
        Path config = dir.resolve("cli-sub.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "name=cli-sub",
                        "connector.class=io.eventbridge.kafka.source.EventBridgeSourceConnector",
                        "topic=cli-events",
                        "subscription.mode=managed",
                        "subscription.event.bus=cli-bus",
                        "subscription.event.pattern={\"source\":[\"com.cli\"]}",
                        "aws.sqs.region=" + LocalEventBridge.REGION,
                        "aws.sqs.endpoint.uri=" + stack.sqs().endpoint(),
                        "aws.sqs.access.key.id=" + LocalEventBridge.ACCESS_KEY,
                        "aws.sqs.secret.access.key=" + LocalEventBridge.SECRET_KEY,
                        "aws.eventbridge.endpoint.uri=" + eventBridge.endpoint()));
        try (EventBridgeClient client = events()) {
            // someone's own rule under the connector's prefix, without its tag: teardown must leave it
            client.putRule(
                    b -> b.name("kc-cli-sub-manual").eventBusName("cli-bus").eventPattern("{\"source\":[\"x\"]}"));

            ArchiveCommand.Run plan = cli("plan", "--config", config.toString());
            assertThat(plan.exit()).as(plan.out()).isZero();
            assertThat(plan.out())
                    .contains("CREATE queue eventbridge-cli-sub-dlq")
                    .contains("CREATE queue eventbridge-cli-sub")
                    .contains("CREATE rule arn:aws:events:us-east-1:123456789012:rule/cli-bus/kc-cli-sub-default")
                    .contains("CREATE rule target");
            assertThat(queues()).as("plan creates nothing").isEmpty();
            assertThat(client.listRules(b -> b.eventBusName("cli-bus")).rules())
                    .extracting(Rule::name)
                    .containsExactly("kc-cli-sub-manual");

            ArchiveCommand.Run apply = cli("apply", "--config", config.toString());
            assertThat(apply.exit()).as(apply.out()).isZero();
            assertThat(apply.out()).contains("Queue: ").contains("kc-cli-sub-default");
            assertThat(queues()).hasSize(2);
            assertThat(client.listTargetsByRule(
                                    b -> b.rule("kc-cli-sub-default").eventBusName("cli-bus"))
                            .targets())
                    .hasSize(1);

            ArchiveCommand.Run again = cli("plan", "--config", config.toString());
            assertThat(again.out()).as(again.out()).contains("No changes");

            ArchiveCommand.Run dryRun =
                    cli("teardown", "--config", config.toString(), "--connector", "cli-sub", "--dry-run");
            assertThat(dryRun.out()).contains("DELETE rule").contains("DELETE queue eventbridge-cli-sub");
            assertThat(queues()).hasSize(2);

            ArchiveCommand.Run teardown = cli("teardown", "--config", config.toString(), "--connector", "cli-sub");
            assertThat(teardown.exit()).as(teardown.out()).isZero();
            assertThat(queues()).isEmpty();
            assertThat(client.listRules(b -> b.eventBusName("cli-bus")).rules())
                    .extracting(Rule::name)
                    .containsExactly("kc-cli-sub-manual");

            ArchiveCommand.Run usage = cli("teardown", "--config", config.toString());
            assertThat(usage.exit()).isEqualTo(2);
            assertThat(usage.out()).contains("usage:");
        }
    }
}
