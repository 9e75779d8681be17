package io.eventbridge.kafka.it.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests against the local AWS endpoint alone, no Kafka: one endpoint per class, reset before each test. */
public abstract class LocalEndpointTest {
    protected static LocalEventBridge local;

    @BeforeAll
    static void startLocalEndpoint() throws Exception {
        local = LocalEventBridge.start();
    }

    @AfterAll
    static void stopLocalEndpoint() {
        local.close();
    }

    @BeforeEach
    void resetLocalEndpoint() {
        local.reset();
    }
}
