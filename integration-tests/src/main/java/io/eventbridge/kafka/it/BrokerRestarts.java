package io.eventbridge.kafka.it;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Whether the embedded Kafka of this build can stop a broker and start it again at the same address, as a
 * restarted broker of a real cluster comes back. Kafka 4's test kit can; the 3.9.1 test kit (profile connect-3.9)
 * starts a stopped broker on a new port, which clients holding the old address never find, so a broker-restart
 * scenario there tests the test kit rather than the connectors, and is skipped.
 */
public final class BrokerRestarts {
    private BrokerRestarts() {}

    public static boolean keepTheirAddress() {
        return !AppInfoParser.getVersion().startsWith("3.");
    }

    public static final String SKIPPED =
            "the Kafka 3.9.1 test kit restarts a stopped broker on a new port: broker restarts run on Kafka 4 only";
}
