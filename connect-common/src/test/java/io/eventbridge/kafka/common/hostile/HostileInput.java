package io.eventbridge.kafka.common.hostile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik generators of hostile input for the connectors' property tests: JSON text that is valid, broken or
 * adversarial (deep nesting, numbers out of every range, duplicate keys, NUL and unpaired surrogates in strings,
 * truncated documents), raw bytes that are not UTF-8, and the schemaless Java values converters hand a sink
 * (maps, lists, strings that look like JSON, NaN and infinities, big decimals, bytes).
 */
public final class HostileInput {
    private static final String[] STRINGS = {
        "",
        "plain",
        "ünïcödé ✓",
        "\u0000nul\u0000",
        "\ud800 lone surrogate",
        "{\"looks\":\"like json\"}",
        "[1,2",
        "{",
        "\"quoted\"",
        "line\nbreak\ttab",
        "x".repeat(300),
        "2024-05-01T13:45:00Z",
        "not-a-time",
        "${json:$.x}",
        "<script>",
        "\\u0000"
    };
    private static final String[] KEYS = {
        "id",
        "detail-type",
        "source",
        "detail",
        "time",
        "specversion",
        "type",
        "data",
        "a",
        "a",
        "",
        " ",
        "instance-id",
        "ünï",
        "\u0000",
        "resources",
        "account",
        "region",
        "version"
    };

    private HostileInput() {}

    /** JSON text: about half valid documents of every kind, the rest broken in some way. */
    public static Arbitrary<String> jsonText() {
        return Arbitraries.randomValue(HostileInput::jsonText);
    }

    /** Bytes: UTF-8 of {@link #jsonText}, or bytes that are not UTF-8 at all. */
    public static Arbitrary<byte[]> bytes() {
        return Arbitraries.randomValue(r -> {
            if (r.nextInt(4) == 0) {
                byte[] raw = new byte[r.nextInt(64)];
                r.nextBytes(raw);
                if (raw.length > 0) {
                    raw[0] = (byte) (0x80 | r.nextInt(0x40)); // a continuation byte first: never valid UTF-8
                }
                return raw;
            }
            return jsonText(r).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** A schemaless value as a converter hands it to a sink: maps, lists, scalars of every Java kind. */
    public static Arbitrary<Object> schemalessValue() {
        return Arbitraries.randomValue(r -> value(r, 0));
    }

    static String jsonText(Random r) {
        StringBuilder out = new StringBuilder();
        switch (r.nextInt(8)) {
            case 0 -> nest(out, 900 + r.nextInt(1200), r); // around Jackson's nesting limit of 1000
            case 1 -> out.append(STRINGS[r.nextInt(STRINGS.length)]); // not JSON, or a bare scalar
            case 2 -> {
                json(out, r, 0);
                out.setLength(Math.max(0, out.length() - 1 - r.nextInt(Math.max(1, out.length())))); // truncated
            }
            case 3 -> {
                json(out, r, 0);
                out.insert(r.nextInt(out.length() + 1), (char) r.nextInt(0x10000)); // one stray character
            }
            default -> object(out, r, 0);
        }
        return out.toString();
    }

    private static void nest(StringBuilder out, int depth, Random r) {
        String open = r.nextBoolean() ? "[" : "{\"d\":";
        String close = open.equals("[") ? "]" : "}";
        out.append(open.repeat(depth)).append('1').append(close.repeat(depth));
    }

    private static void json(StringBuilder out, Random r, int depth) {
        int kind = r.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0 -> out.append("null");
            case 1 -> out.append(r.nextBoolean());
            case 2 -> out.append(number(r));
            case 3, 4, 5 -> string(out, STRINGS[r.nextInt(STRINGS.length)]);
            case 6 -> {
                out.append('[');
                for (int i = r.nextInt(4); i > 0; i--) {
                    json(out, r, depth + 1);
                    if (i > 1) {
                        out.append(',');
                    }
                }
                out.append(']');
            }
            default -> object(out, r, depth + 1);
        }
    }

    private static void object(StringBuilder out, Random r, int depth) {
        out.append('{');
        int fields = r.nextInt(6);
        for (int i = 0; i < fields; i++) {
            string(out, KEYS[r.nextInt(KEYS.length)]); // "a" twice in the list: duplicate keys happen
            out.append(':');
            json(out, r, depth + 1);
            if (i < fields - 1) {
                out.append(',');
            }
        }
        out.append('}');
    }

    private static String number(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> Integer.toString(r.nextInt());
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "123456789012345678901234567890"; // past long
            case 3 -> "1e400"; // past double
            case 4 -> "-0.0";
            case 5 -> "4.9e-330"; // below double's smallest
            default -> Double.toString(r.nextGaussian() * 1e6);
        };
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static Object value(Random r, int depth) {
        switch (r.nextInt(depth > 3 ? 11 : 13)) {
            case 0:
                return null;
            case 1:
                return STRINGS[r.nextInt(STRINGS.length)];
            case 2:
                return r.nextInt();
            case 3:
                return r.nextLong();
            case 4:
                return new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE}[r.nextInt(4)];
            case 5:
                return (float) r.nextGaussian();
            case 6:
                return new BigDecimal(new BigInteger(200, r), r.nextInt(40) - 20);
            case 7: {
                byte[] b = new byte[r.nextInt(20)];
                r.nextBytes(b);
                return b;
            }
            case 8:
                return r.nextBoolean();
            case 9:
                return (short) r.nextInt();
            case 10:
                return jsonText(r).getBytes(StandardCharsets.UTF_8);
            case 11: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(value(r, depth + 1));
                }
                return list;
            }
            default: {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    Object key = r.nextInt(5) == 0 ? (Object) r.nextInt(10) : KEYS[r.nextInt(KEYS.length)];
                    map.put(key, value(r, depth + 1));
                }
                return map;
            }
        }
    }
}
