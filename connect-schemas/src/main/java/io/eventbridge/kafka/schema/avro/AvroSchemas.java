package io.eventbridge.kafka.schema.avro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schema to Avro schema and back, for every Connect type.
 *
 * <ul>
 *   <li>INT8 and INT16 are Avro ints marked {@code connect.type}; the other primitives map directly.</li>
 *   <li>Decimal is bytes with the decimal logical type; Date is int/date; Time is int/time-millis;
 *       Timestamp is long/timestamp-millis.</li>
 *   <li>An optional schema is the union {@code ["null", T]} and its field defaults to null, so adding an
 *       optional field is a backward compatible change.</li>
 *   <li>A map with string keys is an Avro map; other maps are an array of key/value records marked
 *       {@code connect.map}.</li>
 *   <li>Struct names, versions, docs and parameters travel as {@code connect.*} properties, so a schema
 *       comes back exactly as it went out; an unnamed struct gets a generated Avro record name.</li>
 * </ul>
 */
public final class AvroSchemas {
    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_NAME = "connect.name";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_MAP = "connect.map";
    static final String DEFAULT_NAMESPACE = "io.eventbridge.kafka.connect";
    /** Precision written for a Decimal that does not state one (Avro requires a precision). */
    static final int DEFAULT_DECIMAL_PRECISION = 64;

    static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private AvroSchemas() {}

    /** The Avro schema of a Connect schema; record names are made unique within it. */
    public static org.apache.avro.Schema toAvro(Schema schema) {
        return new ToAvro().convert(schema, "ConnectRecord");
    }

    private static final class ToAvro {
        private final Map<String, Integer> usedNames = new HashMap<>();

        org.apache.avro.Schema convert(Schema schema, String hint) {
            org.apache.avro.Schema plain = convertRequired(schema, hint);
            if (!schema.isOptional()) {
                return plain;
            }
            return org.apache.avro.Schema.createUnion(
                    org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), plain);
        }

        private org.apache.avro.Schema convertRequired(Schema schema, String hint) {
            String logical = schema.name();
            if (Decimal.LOGICAL_NAME.equals(logical)) {
                int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
                String p = schema.parameters().get(DECIMAL_PRECISION);
                int precision = p == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(p);
                return LogicalTypes.decimal(precision, scale)
                        .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
            }
            if (Date.LOGICAL_NAME.equals(logical)) {
                return LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
            }
            if (Time.LOGICAL_NAME.equals(logical)) {
                return LogicalTypes.timeMillis()
                        .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
            }
            if (Timestamp.LOGICAL_NAME.equals(logical)) {
                return LogicalTypes.timestampMillis()
                        .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
            }
            org.apache.avro.Schema out;
            switch (schema.type()) {
                case INT8, INT16 -> {
                    out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                    out.addProp(CONNECT_TYPE, schema.type().getName());
                }
                case INT32 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                case INT64 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
                case FLOAT32 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
                case FLOAT64 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
                case BOOLEAN -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
                case STRING -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
                case BYTES -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
                case ARRAY -> out = org.apache.avro.Schema.createArray(convert(schema.valueSchema(), hint + "Item"));
                case MAP -> out = map(schema, hint);
                case STRUCT -> out = record(schema, hint);
                default -> throw new DataException("Connect type " + schema.type() + " has no Avro form");
            }
            if (schema.type() != Schema.Type.STRUCT) {
                addConnectProps(out, schema);
            }
            return out;
        }

        private org.apache.avro.Schema map(Schema schema, String hint) {
            if (schema.keySchema().type() == Schema.Type.STRING
                    && !schema.keySchema().isOptional()
                    && schema.keySchema().name() == null) {
                return org.apache.avro.Schema.createMap(convert(schema.valueSchema(), hint + "Value"));
            }
            String name = unique(hint + "Entry");
            List<org.apache.avro.Schema.Field> fields = List.of(
                    field(
                            "key",
                            convert(schema.keySchema(), name + "Key"),
                            schema.keySchema().isOptional()),
                    field(
                            "value",
                            convert(schema.valueSchema(), name + "Value"),
                            schema.valueSchema().isOptional()));
            org.apache.avro.Schema entry =
                    org.apache.avro.Schema.createRecord(name, null, DEFAULT_NAMESPACE, false, fields);
            org.apache.avro.Schema array = org.apache.avro.Schema.createArray(entry);
            array.addProp(CONNECT_MAP, true);
            return array;
        }

        private org.apache.avro.Schema record(Schema schema, String hint) {
            String fullName = schema.name() == null ? DEFAULT_NAMESPACE + "." + unique(hint) : avroName(schema.name());
            int dot = fullName.lastIndexOf('.');
            String namespace = dot < 0 ? null : fullName.substring(0, dot);
            String simple = dot < 0 ? fullName : fullName.substring(dot + 1);
            List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
            for (Field f : schema.fields()) {
                fields.add(field(
                        avroFieldName(f.name()),
                        convert(f.schema(), simple + capitalize(f.name())),
                        f.schema().isOptional()));
            }
            org.apache.avro.Schema out =
                    org.apache.avro.Schema.createRecord(simple, schema.doc(), namespace, false, fields);
            addConnectProps(out, schema);
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).name().equals(schema.fields().get(i).name())) {
                    fields.get(i).addProp(CONNECT_NAME, schema.fields().get(i).name());
                }
            }
            return out;
        }

        private static org.apache.avro.Schema.Field field(
                String name, org.apache.avro.Schema schema, boolean optional) {
            return optional
                    ? new org.apache.avro.Schema.Field(name, schema, null, JsonProperties.NULL_VALUE)
                    : new org.apache.avro.Schema.Field(name, schema, null, (Object) null);
        }

        private String unique(String name) {
            String clean = avroSimpleName(name);
            int n = usedNames.merge(clean, 1, Integer::sum);
            return n == 1 ? clean : clean + n;
        }
    }

    private static void addConnectProps(org.apache.avro.Schema out, Schema schema) {
        if (schema.name() != null) {
            out.addProp(CONNECT_NAME, schema.name());
        }
        if (schema.version() != null) {
            out.addProp(CONNECT_VERSION, schema.version());
        }
        if (schema.doc() != null && schema.type() != Schema.Type.STRUCT) {
            out.addProp(CONNECT_DOC, schema.doc());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            out.addProp(CONNECT_PARAMETERS, new java.util.LinkedHashMap<>(schema.parameters()));
        }
    }

    /** The Connect schema of an Avro schema written by {@link #toAvro} or by any Avro producer. */
    public static Schema toConnect(org.apache.avro.Schema avro) {
        return toConnect(avro, false);
    }

    private static Schema toConnect(org.apache.avro.Schema avro, boolean optional) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            List<org.apache.avro.Schema> types = avro.getTypes();
            List<org.apache.avro.Schema> nonNull = types.stream()
                    .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL)
                    .toList();
            if (nonNull.size() != 1) {
                throw new DataException("Avro union " + avro + " has no Connect form: only [\"null\", T] unions map");
            }
            return toConnect(nonNull.get(0), optional || nonNull.size() < types.size());
        }
        SchemaBuilder builder = builder(avro);
        Object name = avro.getObjectProp(CONNECT_NAME);
        if (name != null && builder.name() == null) {
            builder.name(name.toString());
        }
        Object version = avro.getObjectProp(CONNECT_VERSION);
        if (version instanceof Number n) {
            builder.version(n.intValue());
        }
        String doc = avro.getType() == org.apache.avro.Schema.Type.RECORD
                ? avro.getDoc()
                : (String) avro.getObjectProp(CONNECT_DOC);
        if (doc != null) {
            builder.doc(doc);
        }
        Object params = avro.getObjectProp(CONNECT_PARAMETERS);
        if (params instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (builder.parameters() == null || !builder.parameters().containsKey(k.toString())) {
                    builder.parameter(k.toString(), v.toString());
                }
            });
        }
        if (optional) {
            builder.optional();
        }
        return builder.build();
    }

    private static SchemaBuilder builder(org.apache.avro.Schema avro) {
        org.apache.avro.LogicalType logical = avro.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            SchemaBuilder b = Decimal.builder(d.getScale());
            if (d.getPrecision() != DEFAULT_DECIMAL_PRECISION) {
                b.parameter(DECIMAL_PRECISION, Integer.toString(d.getPrecision()));
            }
            return b;
        }
        if (logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Timestamp.builder();
        }
        switch (avro.getType()) {
            case INT: {
                Object connectType = avro.getObjectProp(CONNECT_TYPE);
                if ("int8".equals(connectType)) {
                    return SchemaBuilder.int8();
                }
                return "int16".equals(connectType) ? SchemaBuilder.int16() : SchemaBuilder.int32();
            }
            case LONG:
                return SchemaBuilder.int64();
            case FLOAT:
                return SchemaBuilder.float32();
            case DOUBLE:
                return SchemaBuilder.float64();
            case BOOLEAN:
                return SchemaBuilder.bool();
            case STRING:
            case ENUM:
                return SchemaBuilder.string();
            case BYTES:
            case FIXED:
                return SchemaBuilder.bytes();
            case ARRAY:
                if (Boolean.TRUE.equals(avro.getObjectProp(CONNECT_MAP))) {
                    org.apache.avro.Schema entry = avro.getElementType();
                    return SchemaBuilder.map(
                            toConnect(entry.getField("key").schema()),
                            toConnect(entry.getField("value").schema()));
                }
                return SchemaBuilder.array(toConnect(avro.getElementType()));
            case MAP:
                return SchemaBuilder.map(Schema.STRING_SCHEMA, toConnect(avro.getValueType()));
            case RECORD: {
                SchemaBuilder b = SchemaBuilder.struct();
                if (avro.getObjectProp(CONNECT_NAME) == null
                        && !avro.getFullName().startsWith(DEFAULT_NAMESPACE + ".")) {
                    b.name(avro.getFullName());
                }
                for (org.apache.avro.Schema.Field f : avro.getFields()) {
                    Object original = f.getObjectProp(CONNECT_NAME);
                    b.field(original == null ? f.name() : original.toString(), toConnect(f.schema()));
                }
                return b;
            }
            default:
                throw new DataException("Avro type " + avro.getType() + " has no Connect form");
        }
    }

    /** A dotted Connect name as a valid Avro full name. */
    static String avroName(String name) {
        String[] parts = name.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(avroSimpleName(part));
        }
        return out.toString();
    }

    /** A name as a valid Avro simple name: characters Avro does not allow become {@code _}. */
    public static String avroSimpleName(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            out.append(ok ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    static String avroFieldName(String name) {
        return avroSimpleName(name);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
