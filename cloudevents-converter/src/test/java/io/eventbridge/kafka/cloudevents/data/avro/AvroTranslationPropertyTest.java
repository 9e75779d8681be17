package io.eventbridge.kafka.cloudevents.data.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.cloudevents.RandomConnect;
import io.eventbridge.kafka.schema.avro.AvroSchemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.Test;

/**
 * Random Connect schemas and values survive Connect -> Avro schema text (as a registry stores it) ->
 * Avro binary -> Connect unchanged: the schema (names, versions, docs, optionality, logical types) and
 * every value.
 */
class AvroTranslationPropertyTest {
    private static final int CASES = 400;

    @Test
    void randomSchemasAndValuesRoundTripThroughAvro() {
        for (long seed = 1; seed <= CASES; seed++) {
            RandomConnect gen = new RandomConnect(seed);
            Schema schema = gen.struct(3);
            String definition = AvroSchemas.toAvro(schema).toString();
            AvroCodecCache cache = new AvroCodecCache(10);
            AvroCodecCache.Reader reader = cache.reader(definition);
            for (int i = 0; i < 5; i++) {
                Object value = gen.value(schema);
                byte[] bytes = cache.writer(schema).write(schema, value);
                SchemaAndValue back = reader.read(bytes);
                assertThat(back.schema())
                        .as("seed %d schema %s", seed, definition)
                        .isEqualTo(schema);
                assertThat(back.value()).as("seed %d value", seed).isEqualTo(value);
            }
        }
    }

    @Test
    void addingAnOptionalFieldIsABackwardCompatibleAvroChange() {
        Schema v1 = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .name("com.example.Order")
                .field("id", Schema.STRING_SCHEMA)
                .build();
        Schema v2 = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .name("com.example.Order")
                .field("id", Schema.STRING_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        org.apache.avro.Schema reader = AvroSchemas.toAvro(v2);
        org.apache.avro.Schema writer = AvroSchemas.toAvro(v1);
        assertThat(org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType())
                .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
}
