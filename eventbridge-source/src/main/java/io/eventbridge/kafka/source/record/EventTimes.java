package io.eventbridge.kafka.source.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads an event's {@code time}. EventBridge writes it as {@code yyyy-MM-ddTHH:mm:ssZ}, which is read by hand
 * here: {@link Instant#parse} costs several microseconds per event, a visible share of the source's CPU.
 * Any other ISO-8601 instant (fractions, offsets) goes through {@link Instant#parse}.
 */
final class EventTimes {
    /** What {@link #epochMillis} answers for a time it cannot read. */
    static final long UNREADABLE = Long.MIN_VALUE;

    private static final int SHORT_FORM_LENGTH = "2026-11-23T10:00:00Z".length();

    private EventTimes() {}

    static long epochMillis(String time) {
        if (time.length() == SHORT_FORM_LENGTH
                && time.charAt(4) == '-'
                && time.charAt(7) == '-'
                && (time.charAt(10) == 'T' || time.charAt(10) == 't')
                && time.charAt(13) == ':'
                && time.charAt(16) == ':'
                && (time.charAt(19) == 'Z' || time.charAt(19) == 'z')) {
            int year = digits(time, 0, 4);
            int month = digits(time, 5, 2);
            int day = digits(time, 8, 2);
            int hour = digits(time, 11, 2);
            int minute = digits(time, 14, 2);
            int second = digits(time, 17, 2);
            if (year >= 0
                    && month >= 0
                    && day >= 0
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
                } catch (DateTimeException e) {
                    return UNREADABLE; // no such date, e.g. 2026-02-30
                }
            }
        }
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return UNREADABLE;
        }
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
