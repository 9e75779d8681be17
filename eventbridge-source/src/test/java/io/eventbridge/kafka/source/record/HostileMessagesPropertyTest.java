package io.eventbridge.kafka.source.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.hostile.HostileInput;
import io.eventbridge.kafka.source.Messages;
import io.eventbridge.kafka.source.config.KeyMode;
import io.eventbridge.kafka.source.config.NonEnvelopeBehavior;
import io.eventbridge.kafka.source.config.ValueMode;
import io.eventbridge.kafka.source.parse.EventParser;
import io.eventbridge.kafka.source.parse.MalformedMessageException;
import io.eventbridge.kafka.source.route.TopicRouter;
import io.eventbridge.kafka.source.schema.SchemaInference;
import io.eventbridge.kafka.source.sqs.SqsMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Whatever body arrives, the source's parse-and-build step (what a receive loop runs) gives a record or a
 * {@link MalformedMessageException} / IllegalArgumentException, the two failures the pipeline sends to the
 * dead-letter topic with the SQS message id; never another exception out of the loop, and never a hang. Bodies
 * are hostile JSON, bare text and EventBridge envelopes whose fields hold hostile values, under every value mode,
 * key mode and schema mode.
 */
class HostileMessagesPropertyTest {
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> envelopes = Arbitraries.oneOf(
                HostileInput.jsonText(),
                HostileInput.jsonText().map(json -> Messages.envelope("e-1", "Order Placed", "com.shop", json)),
                HostileInput.jsonText()
                        .map(json -> "{\"version\":\"0\",\"id\":" + json + ",\"detail-type\":\"T\","
                                + "\"source\":\"s\",\"time\":" + json + ",\"resources\":" + json + ",\"detail\":{\"x\":"
                                + json + "}}"));
        return Arbitraries.oneOf(HostileInput.jsonText(), envelopes);
    }

    @Property(tries = 600, seed = "8263455")
    void everyBodyBecomesARecordOrANamedMalformedFailure(
            @ForAll("bodies") String body,
            @ForAll ValueMode valueMode,
            @ForAll KeyMode keyMode,
            @ForAll boolean infer,
            @ForAll boolean wrap)
            throws Exception {
        EventParser parser =
                new EventParser(wrap ? NonEnvelopeBehavior.WRAP : NonEnvelopeBehavior.MALFORMED, "sqs", "Message");
        RecordFactory factory = new RecordFactory(
                new TopicRouter("events.${source}", List.of()),
                keyMode,
                keyMode == KeyMode.DETAIL_PATH ? "$.orderId" : null,
                valueMode,
                infer ? new SchemaInference() : null,
                List.of("tenant"),
                "dlq",
                "src");
        SqsMessage message = new SqsMessage(
                "https://sqs/q",
                "m-1",
                "rh",
                body,
                Map.of(SqsMessage.SENT_TIMESTAMP, "1764000000000"),
                Map.of(),
                1764000000000L);
        Object outcome = RUNNER.submit(() -> {
                    try {
                        return factory.record(message, parser.parse(message));
                    } catch (MalformedMessageException | IllegalArgumentException e) {
                        assertThat(e.getMessage())
                                .as("a malformed message says why")
                                .isNotBlank();
                        return factory.deadLetter(
                                message,
                                e instanceof MalformedMessageException m
                                        ? m
                                        : new MalformedMessageException(e.getMessage()));
                    }
                })
                .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome).isInstanceOf(SourceRecord.class);
    }
}
