package io.eventbridge.kafka.cloudevents.binding;

/**
 * A syntax check of RFC 3339 timestamps ({@code 2026-11-23T10:15:30.123Z}, {@code ...+02:00}) that
 * does not parse them: attributes pass through the converter as the text they came with, so the check is
 * all that is needed, and it costs a fraction of a full parse.
 */
public final class Rfc3339 {
    private Rfc3339() {}

    public static boolean isValid(String s) {
        int n = s.length();
        if (n < 20
                || !digits(s, 0, 4)
                || s.charAt(4) != '-'
                || !twoDigits(s, 5, 1, 12)
                || s.charAt(7) != '-'
                || !twoDigits(s, 8, 1, 31)
                || "Tt ".indexOf(s.charAt(10)) < 0
                || !twoDigits(s, 11, 0, 23)
                || s.charAt(13) != ':'
                || !twoDigits(s, 14, 0, 59)
                || s.charAt(16) != ':'
                || !twoDigits(s, 17, 0, 60)) {
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i == n - 1) {
            return s.charAt(i) == 'Z' || s.charAt(i) == 'z';
        }
        return i == n - 6
                && (s.charAt(i) == '+' || s.charAt(i) == '-')
                && twoDigits(s, i + 1, 0, 23)
                && s.charAt(i + 3) == ':'
                && twoDigits(s, i + 4, 0, 59);
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean twoDigits(String s, int from, int min, int max) {
        if (!digits(s, from, 2)) {
            return false;
        }
        int v = (s.charAt(from) - '0') * 10 + s.charAt(from + 1) - '0';
        return v >= min && v <= max;
    }
}
