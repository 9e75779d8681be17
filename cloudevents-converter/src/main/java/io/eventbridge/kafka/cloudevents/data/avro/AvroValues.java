package io.eventbridge.kafka.cloudevents.data.avro;

import io.eventbridge.kafka.cloudevents.data.ByteArrays;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Connect values to Avro generic values and back, following {@link AvroSchemas}. */
public final class AvroValues {
    private static final long MILLIS_PER_DAY = TimeUnit.DAYS.toMillis(1);

    private AvroValues() {}

    /** The Avro generic value of a Connect value, for the Avro schema {@link AvroSchemas#toAvro} made of its schema. */
    public static Object toAvro(Schema schema, org.apache.avro.Schema avro, Object value) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("A null value for a required " + schema.type() + " field");
            }
            return null;
        }
        org.apache.avro.Schema plain = nonNull(avro);
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return ByteBuffer.wrap(((BigDecimal) value).unscaledValue().toByteArray());
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return (int) Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return (int) Math.floorMod(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return ((java.util.Date) value).getTime();
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
                return ((Number) value).intValue();
            case BYTES:
                return value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    out.add(toAvro(schema.valueSchema(), plain.getElementType(), item));
                }
                return new GenericData.Array<>(plain, out);
            }
            case MAP:
                return map(schema, plain, (Map<?, ?>) value);
            case STRUCT: {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(plain);
                List<Field> fields = schema.fields();
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    record.put(i, toAvro(f.schema(), plain.getFields().get(i).schema(), struct.get(f)));
                }
                return record;
            }
            default:
                return value;
        }
    }

    private static Object map(Schema schema, org.apache.avro.Schema avro, Map<?, ?> value) {
        if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
            Map<String, Object> out = new LinkedHashMap<>();
            value.forEach((k, v) -> out.put((String) k, toAvro(schema.valueSchema(), avro.getValueType(), v)));
            return out;
        }
        org.apache.avro.Schema entry = avro.getElementType();
        List<Object> out = new ArrayList<>();
        value.forEach((k, v) -> {
            GenericData.Record record = new GenericData.Record(entry);
            record.put(0, toAvro(schema.keySchema(), entry.getFields().get(0).schema(), k));
            record.put(1, toAvro(schema.valueSchema(), entry.getFields().get(1).schema(), v));
            out.add(record);
        });
        return new GenericData.Array<>(avro, out);
    }

    /** The Connect value of an Avro generic value, for the Connect schema {@link AvroSchemas#toConnect} made. */
    public static Object toConnect(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            return new BigDecimal(new BigInteger(bytes(value)), scale);
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return new java.util.Date(((Number) value).longValue() * MILLIS_PER_DAY);
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return new java.util.Date(((Number) value).longValue());
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return new java.util.Date(((Number) value).longValue());
        }
        switch (schema.type()) {
            case INT8:
                return ((Number) value).byteValue();
            case INT16:
                return ((Number) value).shortValue();
            case STRING:
                return value.toString();
            case BYTES:
                return bytes(value);
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    out.add(toConnect(schema.valueSchema(), item));
                }
                return out;
            }
            case MAP: {
                Map<Object, Object> out = new LinkedHashMap<>();
                if (value instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> out.put(k.toString(), toConnect(schema.valueSchema(), v)));
                } else {
                    for (Object entry : (Collection<?>) value) {
                        GenericRecord r = (GenericRecord) entry;
                        out.put(toConnect(schema.keySchema(), r.get(0)), toConnect(schema.valueSchema(), r.get(1)));
                    }
                }
                return out;
            }
            case STRUCT: {
                GenericRecord record = (GenericRecord) value;
                Struct struct = new Struct(schema);
                List<Field> fields = schema.fields();
                for (int i = 0; i < fields.size(); i++) {
                    struct.put(fields.get(i), toConnect(fields.get(i).schema(), record.get(i)));
                }
                return struct;
            }
            default:
                return value;
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return ByteArrays.of(buffer);
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        return (byte[]) value;
    }

    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema avro) {
        if (avro.getType() != org.apache.avro.Schema.Type.UNION) {
            return avro;
        }
        for (org.apache.avro.Schema s : avro.getTypes()) {
            if (s.getType() != org.apache.avro.Schema.Type.NULL) {
                return s;
            }
        }
        return avro;
    }
}
