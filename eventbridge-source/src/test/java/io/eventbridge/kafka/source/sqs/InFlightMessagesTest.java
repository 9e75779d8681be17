package io.eventbridge.kafka.source.sqs;

import static io.eventbridge.kafka.source.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The delete bookkeeping: room is taken before receiving and given back only when a message is done. */
class InFlightMessagesTest {
    @Test
    void aFullTaskReservesNothingUntilAMessageIsDone() throws Exception {
        InFlightMessages inFlight = new InFlightMessages(12);
        assertThat(inFlight.reserve(10, 10)).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            inFlight.add(message("m" + i, "{}"), 0);
        }
        assertThat(inFlight.reserve(10, 10)).isEqualTo(2);
        inFlight.unreserve(2);
        assertThat(inFlight.reserve(10, 10)).isEqualTo(2);
        assertThat(inFlight.reserve(10, 10)).as("full").isZero();

        inFlight.remove(message("m3", "{}"));
        assertThat(inFlight.size()).isEqualTo(9);
        assertThat(inFlight.reserve(10, 10)).isEqualTo(1);
        inFlight.remove(message("m3", "{}"));
        assertThat(inFlight.reserve(10, 10))
                .as("removing twice frees room once")
                .isZero();
    }

    @Test
    void aFullTaskWaitsForAWholeBatchOfRoomRatherThanTakingTheFirstFreed() throws Exception {
        InFlightMessages inFlight = new InFlightMessages(12);
        assertThat(inFlight.reserve(10, 10)).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            inFlight.add(message("m" + i, "{}"), 0);
        }
        assertThat(inFlight.reserve(2, 10)).isEqualTo(2); // full now
        Thread deletes = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                inFlight.remove(message("m" + i, "{}")); // one at a time, as acknowledgements free room
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        deletes.start();
        assertThat(inFlight.reserve(10, 30_000))
                .as("one receive of ten, not ten of one")
                .isEqualTo(10);
        deletes.join();
    }

    @Test
    void findsMessagesWhoseVisibilityRunsOut() {
        InFlightMessages inFlight = new InFlightMessages(10);
        inFlight.add(message("soon", "{}"), 1_000);
        inFlight.add(message("later", "{}"), 50_000);
        assertThat(inFlight.expiringBefore(10_000))
                .extracting(h -> h.message().messageId())
                .containsExactly("soon");
        inFlight.extended(inFlight.expiringBefore(10_000).get(0), 60_000);
        assertThat(inFlight.expiringBefore(10_000)).isEmpty();
        assertThat(inFlight.oldestSentTimestamp()).isEqualTo(1763900000000L);
    }
}
