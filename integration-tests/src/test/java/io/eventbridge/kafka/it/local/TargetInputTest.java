package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TargetInputTest {
    private static final String EVENT = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Order Placed\","
            + "\"source\":\"com.shop\",\"time\":\"2026-11-23T10:00:00Z\",\"detail\":{\"orderId\":42,"
            + "\"customer\":\"Zoë \\\"Z\\\"\",\"items\":[{\"sku\":\"a-1\"}]}}";

    private static String render(String target) throws Exception {
        JsonNode event = TargetInput.parse(EVENT);
        return TargetInput.of(TargetInput.parse(target)).render(event, EVENT, "r", "arn:aws:events:r");
    }

    @Test
    void withoutInputSettingsTheTargetGetsTheWholeEvent() throws Exception {
        assertThat(render("{\"Id\":\"q\",\"Arn\":\"a\"}")).isEqualTo(EVENT);
    }

    @Test
    void inputIsSentAsItIsAndInputPathSelectsPartOfTheEvent() throws Exception {
        assertThat(render("{\"Input\":\"{\\\"fixed\\\":true}\"}")).isEqualTo("{\"fixed\":true}");
        assertThat(render("{\"InputPath\":\"$.detail.items[0]\"}")).isEqualTo("{\"sku\":\"a-1\"}");
    }

    @Test
    void templatePlaceholdersTakeJsonValuesOutsideQuotesAndTextInsideThem() throws Exception {
        String target = "{\"InputTransformer\":{\"InputPathsMap\":{\"id\":\"$.detail.orderId\","
                + "\"who\":\"$.detail.customer\",\"sku\":\"$.detail.items[0].sku\",\"none\":\"$.detail.missing\"},"
                + "\"InputTemplate\":\"{\\\"order\\\":<id>,\\\"by\\\":<who>,\\\"text\\\":\\\"<who> bought <sku>\\\","
                + "\\\"label\\\":\\\"<sku>\\\",\\\"gone\\\":<none>,\\\"rule\\\":\\\"<aws.events.rule-name>\\\"}\"}}";
        JsonNode out = TargetInput.parse(render(target));
        assertThat(out.get("order").asInt()).isEqualTo(42);
        assertThat(out.get("by").asText()).isEqualTo("Zoë \"Z\"");
        assertThat(out.get("text").asText()).isEqualTo("Zoë \"Z\" bought a-1");
        assertThat(out.get("label").asText()).isEqualTo("a-1");
        assertThat(out.get("gone").isNull()).isTrue();
        assertThat(out.get("rule").asText()).isEqualTo("r");
    }

    @Test
    void aPathThatIsNotSimpleJsonPathIsRefused() {
        assertThatThrownBy(() -> TargetInput.select(TargetInput.parse(EVENT), "detail.orderId"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetInput.select(TargetInput.parse(EVENT), "$..orderId"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
