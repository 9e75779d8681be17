package io.eventbridge.kafka.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Test helpers: a configured converter and header access. */
final class Converters {
    private Converters() {}

    static CloudEventsConverter converter(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        CloudEventsConverter converter = new CloudEventsConverter();
        converter.configure(config, false);
        return converter;
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
