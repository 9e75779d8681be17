package io.eventbridge.kafka.it.scenarios;

import io.eventbridge.kafka.it.LocalStack;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A one-worker distributed Connect cluster in this JVM, started as {@code connect-distributed} would be, on
 * any Kafka cluster, with the packaged plugins on its plugin.path. The Docker scenarios need it (their
 * Kafka is a container); the embedded ones use it too, so its set-up is exercised in CI.
 */
final class InJvmWorker implements AutoCloseable {
    private final Connect<?> connect;

    private InJvmWorker(Connect<?> connect) {
        this.connect = connect;
    }

    static InJvmWorker start(String bootstrapServers, String name) {
        Map<String, String> props = new HashMap<>(LocalStack.distributedWorkerProps(bootstrapServers, name));
        props.put("listeners", "http://127.0.0.1:0");
        return new InJvmWorker(new ConnectDistributed().startConnect(props));
    }

    URI url() {
        return connect.rest().serverUrl();
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
