package io.eventbridge.kafka.it.scenarios;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The scenarios on Docker, for users who have it ({@code mvn verify -pl integration-tests -P docker}):
 * LocalStack for EventBridge, SQS and S3, a Kafka container, and a Connect worker in this JVM with the
 * packaged plugins on its plugin.path. Skipped where no Docker engine is reachable. The images can be
 * changed with {@code -Ddocker.kafka.image=...} and {@code -Ddocker.localstack.image=...}.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerScenariosIT extends Scenarios {
    static final String KAFKA_IMAGE = System.getProperty("docker.kafka.image", "apache/kafka:3.9.1");
    static final String LOCALSTACK_IMAGE = System.getProperty("docker.localstack.image", "localstack/localstack:4.4");

    @BeforeAll
    static void start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        LocalStackContainer localstack = new LocalStackContainer(LOCALSTACK_IMAGE)
                .withServices("events", "sqs", "s3")
                .withEnv("SQS_ENDPOINT_STRATEGY", "path");
        kafka.start();
        localstack.start();
        InJvmWorker worker = InJvmWorker.start(kafka.getBootstrapServers(), "docker-scenarios");
        connectTo(new TestEnvironment(
                kafka.getBootstrapServers(),
                worker.url(),
                localstack.getEndpoint(),
                localstack.getEndpoint(),
                localstack.getRegion(),
                localstack.getAccessKey(),
                localstack.getSecretKey(),
                () -> {
                    worker.close();
                    localstack.stop();
                    kafka.stop();
                }));
    }
}
