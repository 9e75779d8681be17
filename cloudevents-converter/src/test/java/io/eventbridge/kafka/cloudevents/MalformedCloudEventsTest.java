package io.eventbridge.kafka.cloudevents;

import static io.eventbridge.kafka.cloudevents.Converters.converter;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** Input that is not a valid CloudEvent fails with a DataException that says what is wrong. */
class MalformedCloudEventsTest {
    private static RecordHeaders binaryHeaders(String... keyValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < keyValues.length; i += 2) {
            headers.add(keyValues[i], keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainRecordIsNotACloudEvent() {
        assertThatThrownBy(() -> converter().toConnectData("orders", new RecordHeaders(), utf8("{\"a\":1}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic orders is not a CloudEvent")
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void badJsonInStructuredMode() {
        RecordHeaders headers = binaryHeaders("content-type", "application/cloudevents+json");
        assertThatThrownBy(() -> converter().toConnectData("orders", headers, utf8("{\"specversion\":\"1.0\",")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("structured CloudEvent on topic orders is invalid");
    }

    @Test
    void aMissingRequiredAttributeIsNamed() {
        RecordHeaders binary = binaryHeaders("ce_specversion", "1.0", "ce_source", "/s", "ce_type", "t");
        assertThatThrownBy(() -> converter().toConnectData("orders", binary, utf8("x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("id");

        RecordHeaders structured = binaryHeaders("content-type", "application/cloudevents+json");
        assertThatThrownBy(() -> converter()
                        .toConnectData(
                                "orders", structured, utf8("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\"}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("type");
    }

    @Test
    void anUnknownSpecVersionIsNamed() {
        RecordHeaders binary = binaryHeaders("ce_specversion", "2.0", "ce_id", "1", "ce_source", "/s", "ce_type", "t");
        assertThatThrownBy(() -> converter().toConnectData("orders", binary, utf8("x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("specversion '2.0'");

        RecordHeaders structured = binaryHeaders("content-type", "application/cloudevents+json");
        assertThatThrownBy(() -> converter()
                        .toConnectData(
                                "orders",
                                structured,
                                utf8("{\"specversion\":\"9.9\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("9.9");
    }

    @Test
    void aBadTimeFormatIsNamed() {
        RecordHeaders binary = binaryHeaders(
                "ce_specversion",
                "1.0",
                "ce_id",
                "1",
                "ce_source",
                "/s",
                "ce_type",
                "t",
                "ce_time",
                "yesterday at noon");
        assertThatThrownBy(() -> converter().toConnectData("orders", binary, utf8("x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("yesterday at noon");

        RecordHeaders structured = binaryHeaders("content-type", "application/cloudevents+json");
        assertThatThrownBy(
                        () -> converter()
                                .toConnectData(
                                        "orders",
                                        structured,
                                        utf8(
                                                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"2026-13-45\"}")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("2026-13-45");
    }

    @Test
    void anUnsupportedEventFormatIsNamed() {
        RecordHeaders headers = binaryHeaders("content-type", "application/cloudevents+avro");
        assertThatThrownBy(() -> converter().toConnectData("orders", headers, new byte[] {1, 2}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("application/cloudevents+avro");
    }
}
