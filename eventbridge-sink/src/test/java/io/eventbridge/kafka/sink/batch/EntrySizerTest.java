package io.eventbridge.kafka.sink.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EntrySizerTest {
    @Test
    void countsUtf8BytesOfSourceDetailTypeDetailAndResources() {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .source("app.orders")
                .detailType("Order Placed")
                .detail("{\"name\":\"Zoë 🍕\"}")
                .resources("arn:aws:s3:::a", "arn:aws:s3:::bb")
                .build();
        int expected = 10 + 12 + "{\"name\":\"Zoë 🍕\"}".getBytes(StandardCharsets.UTF_8).length + 14 + 15;
        assertThat(EntrySizer.size(entry)).isEqualTo(expected);
    }

    @Test
    void timeCountsFourteenBytesOnlyWhenSet() {
        PutEventsRequestEntry without =
                PutEventsRequestEntry.builder().source("s").detailType("t").build();
        assertThat(EntrySizer.size(without)).isEqualTo(2);
        assertThat(EntrySizer.size(without.toBuilder().time(Instant.EPOCH).build()))
                .isEqualTo(16);
    }

    @Test
    void utf8LengthMatchesTheJdkEncoderForEveryPlane() {
        String s = "aé€😀\u0800\u07ff";
        assertThat(EntrySizer.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
}
