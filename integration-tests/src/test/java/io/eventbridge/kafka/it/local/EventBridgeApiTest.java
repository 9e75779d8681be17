package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBridgeApiTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|true",
                "{\"a\":[1,{\"b\":null}]}|true",
                "  {\"a\":1}  |true",
                "[1,2]|false",
                "\"text\"|false",
                "{\"a\":1|false",
                "{\"a\":1}{\"b\":2}|false",
                "{\"a\":1} x|false",
                "null|false"
            })
    void detailMustBeExactlyOneJsonObject(String detail, boolean valid) {
        assertThat(EventBridgeApi.isJsonObject(detail)).isEqualTo(valid);
    }
}
