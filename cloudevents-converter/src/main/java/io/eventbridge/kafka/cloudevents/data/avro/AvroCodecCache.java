package io.eventbridge.kafka.cloudevents.data.avro;

import io.eventbridge.kafka.schema.avro.AvroSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translated schemas and their Avro datum writers and readers, kept per Connect schema and per schema
 * definition so a steady stream translates each schema once.
 */
final class AvroCodecCache {
    private final Map<Schema, Writer> writers;
    private final Map<String, Reader> readers;

    AvroCodecCache(int size) {
        this.writers = Collections.synchronizedMap(lru(size));
        this.readers = Collections.synchronizedMap(lru(size));
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    Writer writer(Schema schema) {
        return writers.computeIfAbsent(schema, s -> new Writer(AvroSchemas.toAvro(s)));
    }

    Reader reader(String definition) {
        return readers.computeIfAbsent(definition, d -> new Reader(new org.apache.avro.Schema.Parser().parse(d)));
    }

    /** Writes Connect values of one schema as Avro binary. */
    static final class Writer {
        private final org.apache.avro.Schema avro;
        private final String definition;
        private final GenericDatumWriter<Object> datumWriter;

        Writer(org.apache.avro.Schema avro) {
            this.avro = avro;
            this.definition = avro.toString();
            this.datumWriter = new GenericDatumWriter<>(avro);
        }

        String definition() {
            return definition;
        }

        org.apache.avro.Schema avro() {
            return avro;
        }

        byte[] write(Schema schema, Object value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                datumWriter.write(AvroValues.toAvro(schema, avro, value), encoder);
                encoder.flush();
            } catch (IOException | RuntimeException e) {
                throw new DataException("Could not write a " + schema.type() + " value as Avro: " + e.getMessage(), e);
            }
            return out.toByteArray();
        }
    }

    /** Reads Avro binary of one writer schema into Connect values. */
    static final class Reader {
        private final Schema connect;
        private final GenericDatumReader<Object> datumReader;

        Reader(org.apache.avro.Schema avro) {
            this.connect = AvroSchemas.toConnect(avro);
            this.datumReader = new GenericDatumReader<>(avro);
        }

        SchemaAndValue read(byte[] bytes) {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            try {
                return new SchemaAndValue(connect, AvroValues.toConnect(connect, datumReader.read(null, decoder)));
            } catch (IOException | RuntimeException e) {
                throw new DataException("Could not read Avro data: " + e.getMessage(), e);
            }
        }
    }
}
