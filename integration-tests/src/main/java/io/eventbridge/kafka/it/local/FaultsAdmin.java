package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection admin API of the local endpoint, unsigned, for people trying the stack by hand: GET
 * shows the settings, POST with query parameters (see {@link Faults#apply}) changes them, DELETE clears them.
 */
final class FaultsAdmin {
    private static final Logger log = LoggerFactory.getLogger(FaultsAdmin.class);

    private FaultsAdmin() {}

    static AwsResponse handle(Faults faults, String method, String query) {
        try {
            switch (method) {
                case "POST" -> {
                    Map<String, String> settings = new LinkedHashMap<>();
                    for (String pair : query == null ? new String[0] : query.split("&")) {
                        String[] kv = pair.split("=", 2);
                        settings.put(
                                URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                                kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                    faults.apply(settings);
                    log.info("Faults set through the admin API: {}", settings);
                }
                case "DELETE" -> faults.clear();
                case "GET" -> {}
                default -> {
                    return AwsResponse.json(405, "{\"message\":\"use GET, POST or DELETE\"}");
                }
            }
        } catch (IllegalArgumentException e) {
            return AwsResponse.json(400, "{\"message\":" + TextNode.valueOf(e.getMessage()) + "}");
        }
        return AwsResponse.json(200, faults.toJson());
    }
}
