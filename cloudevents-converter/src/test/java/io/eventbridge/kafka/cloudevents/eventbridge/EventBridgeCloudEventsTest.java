package io.eventbridge.kafka.cloudevents.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.CloudEventsConverter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventBridgeCloudEventsTest {
    static List<EventBridgeEvent> events() {
        return List.of(
                new EventBridgeEvent(
                        "0",
                        "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                        "EC2 Instance State-change Notification",
                        "aws.ec2",
                        "111122223333",
                        "2017-12-22T18:43:48Z",
                        "us-west-1",
                        List.of("arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"),
                        "{\"instance-id\":\"i-1234567890abcdef0\",\"state\":\"terminated\"}",
                        null),
                new EventBridgeEvent(
                        "0",
                        "e-2",
                        "Order Placed",
                        "com.example.orders",
                        "123456789012",
                        "2026-11-23T10:00:00Z",
                        "eu-west-1",
                        List.of(),
                        "{ \"order\" : { \"lines\" : [1, 2.50, \"x\"], \"note\": null } }",
                        "nightly-replay"),
                new EventBridgeEvent("1", "e-3", "t", "s", null, null, null, List.of("a", "b"), "{}", null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEnvelopeFieldSurvivesTheRoundTrip(EventBridgeEvent event) {
        Struct cloudEvent = EventBridgeCloudEvents.toCloudEvent(event);
        assertThat(cloudEvent.getString(CloudEventSchema.TYPE)).isEqualTo(event.detailType());
        assertThat(cloudEvent.getString(CloudEventSchema.DATACONTENTTYPE)).isEqualTo("application/json");
        assertThat(EventBridgeCloudEvents.fromCloudEvent(cloudEvent)).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "structured"})
    void theRoundTripHoldsThroughTheConverterInBothModes(String encoding) {
        CloudEventsConverter writer = new CloudEventsConverter();
        writer.configure(Map.of("encoding", encoding), false);
        CloudEventsConverter reader = new CloudEventsConverter();
        reader.configure(Map.of(), false);
        for (EventBridgeEvent event : events()) {
            Struct cloudEvent = EventBridgeCloudEvents.toCloudEvent(event);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = writer.fromConnectData("t", headers, cloudEvent.schema(), cloudEvent);
            Struct back = (Struct) reader.toConnectData("t", headers, bytes).value();
            EventBridgeEvent restored = EventBridgeCloudEvents.fromCloudEvent(back);
            // structured mode re-serialises the JSON data; the detail is the same JSON, maybe other spacing
            assertThat(restored)
                    .usingRecursiveComparison()
                    .ignoringFields("detail")
                    .isEqualTo(event);
            assertThat(EventBridgeEvent.parse(restored.toJson()).detail())
                    .isEqualTo(EventBridgeEvent.parse(event.toJson()).detail());
        }
    }

    @Test
    void theEnvelopeParsesAndPrintsAsEventBridgeWritesIt() {
        String json = "{\"version\":\"0\",\"id\":\"e-2\",\"detail-type\":\"Order Placed\",\"source\":\"com.example\","
                + "\"account\":\"123456789012\",\"time\":\"2026-11-23T10:00:00Z\",\"region\":\"eu-west-1\","
                + "\"resources\":[\"arn:x\"],\"detail\":{\"a\":[1,2]},\"replay-name\":\"r1\"}";
        EventBridgeEvent event = EventBridgeEvent.parse(json);
        assertThat(event.replayName()).isEqualTo("r1");
        assertThat(event.resources()).containsExactly("arn:x");
        assertThat(event.toJson()).isEqualTo(json);
        assertThatThrownBy(() -> EventBridgeEvent.parse("{\"id\":\"1\"}")).hasMessageContaining("'detail-type'");
    }

    @Test
    void nonJsonDataCannotBecomeADetail() {
        Struct event = EventBridgeCloudEvents.toCloudEvent(events().get(0))
                .put(CloudEventSchema.DATACONTENTTYPE, "text/plain");
        assertThatThrownBy(() -> EventBridgeCloudEvents.fromCloudEvent(event))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("text/plain")
                .hasMessageContaining("must be JSON");
    }
}
