package io.eventbridge.kafka.sink.filter;

import java.util.Map;

/**
 * What one reading of a bus found: the patterns that decide which events some consumer of the bus wants (enabled
 * rules as {@code rule/<name>}, archives as {@code archive/<name>}), or why the sink must send everything.
 *
 * @param patterns key to pattern, in a stable order
 * @param openReason null when the patterns decide; else why every event is sent (fail open)
 */
record BusRuleSet(Map<String, String> patterns, String openReason, int rules, int archives) {
    static BusRuleSet open(String reason) {
        return new BusRuleSet(Map.of(), reason, 0, 0);
    }

    boolean failsOpen() {
        return openReason != null;
    }
}
