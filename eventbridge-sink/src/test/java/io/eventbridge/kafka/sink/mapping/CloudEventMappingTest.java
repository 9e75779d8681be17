package io.eventbridge.kafka.sink.mapping;

import static io.eventbridge.kafka.sink.mapping.EventMapperTest.detail;
import static io.eventbridge.kafka.sink.mapping.EventMapperTest.mapper;
import static io.eventbridge.kafka.sink.mapping.EventMapperTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeCloudEvents;
import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** CloudEvent values (from the CloudEvents converter) map onto the event's own fields. */
class CloudEventMappingTest {
    private static Struct cloudEvent() {
        return EventBridgeCloudEvents.toCloudEvent(new EventBridgeEvent(
                "0",
                "ce-1",
                "Order Placed",
                "com.example.orders",
                "123456789012",
                "2026-11-23T10:00:00Z",
                "us-east-1",
                List.of("arn:aws:x:1"),
                "{\"orderId\":\"o-1\"}",
                null));
    }

    @Test
    void typeSourceTimeDataAndResourcesBecomeTheEventsFields() throws Exception {
        Struct event = cloudEvent();
        PutEventsRequestEntry entry =
                mapper().map(record(event.schema(), event)).entry();

        assertThat(entry.detailType()).isEqualTo("Order Placed");
        assertThat(entry.source()).isEqualTo("com.example.orders");
        assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(entry.resources()).containsExactly("arn:aws:x:1");
        assertThat(detail(entry).get("orderId").asText()).isEqualTo("o-1");
        assertThat(entry.eventBusName()).isEqualTo(EventMapperTest.BUS);
    }

    @Test
    void detailModeSendsTheWholeEventInTheJsonFormat() throws Exception {
        Struct event = cloudEvent();
        PutEventsRequestEntry entry = mapper("event.cloudevents.mode", "detail")
                .map(record(event.schema(), event))
                .entry();

        JsonNode detail = detail(entry);
        assertThat(detail.get("specversion").asText()).isEqualTo("1.0");
        assertThat(detail.get("id").asText()).isEqualTo("ce-1");
        assertThat(detail.get("type").asText()).isEqualTo("Order Placed");
        assertThat(detail.get("data").get("orderId").asText()).isEqualTo("o-1");
        assertThat(entry.detailType()).isEqualTo("Order Placed");
    }

    @Test
    void offMapsTheCloudEventLikeAnyStruct() throws Exception {
        Struct event = cloudEvent();
        PutEventsRequestEntry entry = mapper("event.cloudevents.mode", "off")
                .map(record(event.schema(), event))
                .entry();
        assertThat(detail(entry).get("value").get("type").asText()).isEqualTo("Order Placed");
        assertThat(entry.detailType()).startsWith("kafka-connect-");
    }

    @Test
    void nonJsonDataIsAMappingErrorThatSaysWhy() {
        Struct event = cloudEvent().put(CloudEventSchema.DATACONTENTTYPE, "text/plain");
        assertThatThrownBy(() -> mapper().map(record(event.schema(), event)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("must be JSON");
    }
}
