package io.eventbridge.kafka.source.parse;

import static io.eventbridge.kafka.source.Messages.envelope;
import static io.eventbridge.kafka.source.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.source.config.NonEnvelopeBehavior;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private final EventParser wrap = new EventParser(NonEnvelopeBehavior.WRAP, "aws.sqs", "SQS Message");
    private final EventParser strict = new EventParser(NonEnvelopeBehavior.MALFORMED, "aws.sqs", "SQS Message");

    @Test
    void readsTheEnvelopeARuleDelivers() {
        ParsedEvent parsed = wrap.parse(message("m1", envelope("e1", "Order Placed", "com.shop", "{\"n\":1}")));
        EventBridgeEvent e = parsed.event();
        assertThat(e.id()).isEqualTo("e1");
        assertThat(e.detailType()).isEqualTo("Order Placed");
        assertThat(e.source()).isEqualTo("com.shop");
        assertThat(e.account()).isEqualTo("123456789012");
        assertThat(e.resources()).hasSize(1);
        assertThat(e.detail()).as("left out: records use the parsed detail").isNull();
        assertThat(parsed.detail().get("n").asInt()).isEqualTo(1);
        assertThat(parsed.eventWithDetailText().detail()).isEqualTo("{\"n\":1}");
        assertThat(parsed.eventWithDetailText().id()).isEqualTo("e1");
    }

    @Test
    void keepsReplayName() {
        assertThat(wrap.parse(message("m0", envelope("e0", "t", "s", "{}")))
                        .event()
                        .replayName())
                .isNull();
        String withReplay = envelope("e1", "t", "s", "{}");
        withReplay = withReplay.substring(0, withReplay.length() - 1) + ",\"replay-name\":\"r-1\"}";
        assertThat(wrap.parse(message("m1", withReplay)).event().replayName()).isEqualTo("r-1");
    }

    @Test
    void wrapsBodiesThatAreNotEnvelopes() {
        EventBridgeEvent json = wrap.parse(message("m2", "{\"orderId\":7}")).eventWithDetailText();
        assertThat(json.id()).isEqualTo("m2");
        assertThat(json.source()).isEqualTo("aws.sqs");
        assertThat(json.detailType()).isEqualTo("SQS Message");
        assertThat(json.detail()).isEqualTo("{\"orderId\":7}");
        assertThat(json.time()).isEqualTo("2025-11-23T12:13:20Z");

        EventBridgeEvent text = wrap.parse(message("m3", "hello \"world\"")).eventWithDetailText();
        assertThat(text.detail()).isEqualTo("{\"body\":\"hello \\\"world\\\"\"}");
    }

    @Test
    void malformedBodiesSayWhy() {
        assertThatThrownBy(() -> wrap.parse(message("m4", "{\"detail-type\":\"x\",")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> wrap.parse(message("m5", "{\"detail-type\":\"x\",\"source\":\"s\",\"id\":\"1\"}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("without 'detail'");
        assertThatThrownBy(() -> wrap.parse(
                        message("m6", "{\"detail-type\":\"x\",\"source\":\"s\",\"id\":\"1\",\"detail\":[1]}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> wrap.parse(message("m7", "  ")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> strict.parse(message("m8", "{\"orderId\":7}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not an EventBridge event");
    }
}
