package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.local.LocalEventBridge;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One local stack (Kafka, a Connect worker, the local AWS endpoint) per test class, the endpoint reset per test. */
public abstract class EmbeddedStackTest {
    protected static LocalStack stack;
    protected static EmbeddedConnectCluster connect;
    protected static LocalEventBridge eventBridge;

    @BeforeAll
    static void startStack() throws Exception {
        // a task's metrics appear one at a time as it starts and go when a rebalance stops it: a wait that polls a
        // metric skips a poll that meets one half-registered (JMException), it does not fail on it. An assertion
        // outside a wait still fails on a missing metric.
        org.awaitility.Awaitility.ignoreExceptionsByDefaultMatching(e -> e instanceof javax.management.JMException);
        stack = LocalStack.start(1);
        connect = stack.connect();
        eventBridge = stack.eventBridge();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void resetEndpoint() {
        eventBridge.reset();
    }
}
