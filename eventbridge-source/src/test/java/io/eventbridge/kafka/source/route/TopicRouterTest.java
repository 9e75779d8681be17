package io.eventbridge.kafka.source.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRouterTest {
    private static EventBridgeEvent event(String source, String detailType, String detail) {
        return new EventBridgeEvent(
                "0",
                "id",
                detailType,
                source,
                "123456789012",
                "2026-11-23T10:00:00Z",
                "us-east-1",
                List.of(),
                detail,
                null);
    }

    private static String topic(TopicRouter router, EventBridgeEvent e) {
        try {
            return router.topic(e, new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.toJson()));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void theDefaultTemplateIsSanitisedToALegalTopicName() {
        TopicRouter router = new TopicRouter("eventbridge.${source}.${detail-type}", List.of());
        assertThat(topic(router, event("com.shop", "Order Placed/v2", "{}")))
                .isEqualTo("eventbridge.com.shop.Order_Placed_v2");
        assertThat(TopicRouter.clean("..")).isEqualTo("_..");
        assertThat(TopicRouter.clean("x".repeat(300))).hasSize(249);
    }

    @Test
    void theFirstMatchingEventPatternDecidesTheTopic() {
        TopicRouter router = new TopicRouter(
                "other",
                List.of(
                        new Route("big", "{\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}", "orders.big"),
                        new Route(
                                "orders",
                                "{\"source\":[\"com.shop\"],\"detail-type\":[{\"prefix\":\"Order\"}]}",
                                "orders.${detail-type}"),
                        new Route("ec2", "{\"source\":[\"aws.ec2\"]}", "infra")));

        assertThat(topic(router, event("com.shop", "Order Placed", "{\"total\":500}")))
                .isEqualTo("orders.big");
        assertThat(topic(router, event("com.shop", "Order Placed", "{\"total\":5}")))
                .isEqualTo("orders.Order_Placed");
        assertThat(topic(router, event("aws.ec2", "EC2 Instance State-change Notification", "{}")))
                .isEqualTo("infra");
        assertThat(topic(router, event("com.crm", "Customer Created", "{}"))).isEqualTo("other");
    }

    @Test
    void badRulesAreNamed() {
        assertThatThrownBy(() -> new TopicRouter("t", List.of(new Route("r1", "{\"source\":\"not-a-list\"}", "x"))))
                .hasMessageContaining("Route 'r1' has an invalid event pattern");
        assertThatThrownBy(() -> new TopicRouter("t", List.of(new Route("r2", null, "x"))))
                .hasMessageContaining("route.r2.pattern");
        assertThatThrownBy(() -> new TopicRouter("t.${nope}", List.of())).hasMessageContaining("unknown placeholder");
    }
}
