package io.eventbridge.kafka.it.scenarios;

import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.local.LocalEventBridge;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;

/** The scenarios on the embedded stack: in-JVM Kafka and Connect, local EventBridge, ElasticMQ (CI). */
class EmbeddedScenariosIT extends Scenarios {
    @BeforeAll
    static void start() throws Exception {
        LocalStack stack = LocalStack.start(1);
        // the scenarios deploy to a worker started like the Docker scenarios' one, on the embedded Kafka
        InJvmWorker worker = InJvmWorker.start(stack.connect().kafka().bootstrapServers(), "embedded-scenarios");
        connectTo(new TestEnvironment(
                stack.connect().kafka().bootstrapServers(),
                worker.url(),
                URI.create(stack.eventBridge().endpoint()),
                URI.create(stack.sqs().endpoint()),
                LocalEventBridge.REGION,
                LocalEventBridge.ACCESS_KEY,
                LocalEventBridge.SECRET_KEY,
                () -> {
                    worker.close();
                    stack.close();
                }));
    }
}
