package io.eventbridge.kafka.cloudevents;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Random Connect schemas and values from a seed, for round-trip property tests: every primitive and
 * logical type, optional fields, nested structs, arrays and maps (string and int keys). Bytes appear only
 * as struct fields, where {@link Struct#equals} compares their contents.
 */
public final class RandomConnect {
    private final Random random;
    private int structs;

    public RandomConnect(long seed) {
        this.random = new Random(seed);
    }

    public Schema struct(int depth) {
        SchemaBuilder b = SchemaBuilder.struct();
        if (random.nextBoolean()) {
            b.name("com.example.gen.Record" + structs++);
        }
        int fields = 1 + random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            b.field("f" + i + (random.nextInt(4) == 0 ? "-x" : ""), schema(depth - 1, true));
        }
        return b.build();
    }

    private Schema schema(int depth, boolean structField) {
        int kinds = depth > 0 ? 17 : 14;
        int kind = random.nextInt(kinds);
        SchemaBuilder b = switch (kind) {
            case 0 -> SchemaBuilder.int8();
            case 1 -> SchemaBuilder.int16();
            case 2 -> SchemaBuilder.int32();
            case 3 -> SchemaBuilder.int64();
            case 4 -> SchemaBuilder.float32();
            case 5 -> SchemaBuilder.float64();
            case 6 -> SchemaBuilder.bool();
            case 7 -> SchemaBuilder.string();
            case 8 -> structField ? SchemaBuilder.bytes() : SchemaBuilder.string();
            case 9 -> Decimal.builder(random.nextInt(6));
            case 10 -> Date.builder();
            case 11 -> Time.builder();
            case 12 -> Timestamp.builder();
            case 13 -> SchemaBuilder.string().doc("a documented string");
            case 14 -> SchemaBuilder.array(schema(depth - 1, false));
            case 15 ->
                random.nextBoolean()
                        ? SchemaBuilder.map(Schema.STRING_SCHEMA, schema(depth - 1, false))
                        : SchemaBuilder.map(Schema.INT32_SCHEMA, schema(depth - 1, false));
            default -> builderOf(struct(depth - 1));
        };
        if (random.nextInt(3) == 0) {
            b.optional();
        }
        return b.build();
    }

    private static SchemaBuilder builderOf(Schema struct) {
        SchemaBuilder b = SchemaBuilder.struct();
        if (struct.name() != null) {
            b.name(struct.name());
        }
        for (Field f : struct.fields()) {
            b.field(f.name(), f.schema());
        }
        return b;
    }

    public Object value(Schema schema) {
        if (schema.isOptional() && random.nextInt(4) == 0) {
            return null;
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            return new BigDecimal(new BigInteger(40, random).subtract(BigInteger.ONE.shiftLeft(39)), scale);
        }
        if (Date.LOGICAL_NAME.equals(schema.name())) {
            return new java.util.Date((random.nextInt(40_000) - 10_000) * 86_400_000L);
        }
        if (Time.LOGICAL_NAME.equals(schema.name())) {
            return new java.util.Date(random.nextInt(86_400_000));
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return new java.util.Date(random.nextLong() % 4_000_000_000_000L);
        }
        return switch (schema.type()) {
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT32 -> random.nextInt();
            case INT64 -> random.nextLong();
            case FLOAT32 -> (float) (random.nextGaussian() * 1000);
            case FLOAT64 -> random.nextGaussian() * 1e6;
            case BOOLEAN -> random.nextBoolean();
            case STRING -> text();
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(20)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(value(schema.valueSchema()));
                }
                yield list;
            }
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(
                            schema.keySchema().type() == Schema.Type.STRING ? "k" + i + text() : random.nextInt(),
                            value(schema.valueSchema()));
                }
                yield map;
            }
            case STRUCT -> {
                Struct struct = new Struct(schema);
                for (Field f : schema.fields()) {
                    struct.put(f, value(f.schema()));
                }
                yield struct;
            }
        };
    }

    private String text() {
        String alphabet = "abcXYZ 09-_\"\\/é€😀\n{}";
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.appendCodePoint(alphabet.codePoints()
                    .toArray()[random.nextInt((int) alphabet.codePoints().count())]);
        }
        return out.toString();
    }
}
