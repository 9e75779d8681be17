package io.eventbridge.kafka.sink.batch;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The size EventBridge counts for a PutEvents entry: 14 bytes for Time when set, plus the UTF-8
 * bytes of Source, DetailType, Detail (when set) and each Resource. The request limit applies to
 * the sum over its entries.
 */
public final class EntrySizer {
    public static final int TIME_BYTES = 14;

    private EntrySizer() {}

    public static int size(PutEventsRequestEntry entry) {
        int size = entry.time() != null ? TIME_BYTES : 0;
        size += utf8Length(entry.source());
        size += utf8Length(entry.detailType());
        size += utf8Length(entry.detail());
        if (entry.hasResources()) {
            for (String resource : entry.resources()) {
                size += utf8Length(resource);
            }
        }
        return size;
    }

    /** UTF-8 length without encoding the string. */
    static int utf8Length(CharSequence s) {
        if (s == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // BMP char, or a lone surrogate that encodes as '?' (1 byte) - count it high
            }
        }
        return bytes;
    }
}
