package io.eventbridge.kafka.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void memberOrderRequiredOrderAndWhiteSpaceDoNotMakeANewSchema() {
        String a = "{\"type\":\"object\",\"required\":[\"a\",\"b\"],\"properties\":{\"a\":{\"type\":\"string\"},"
                + "\"b\":{\"type\":\"integer\"}}}";
        String b = "{ \"properties\" : { \"b\" : {\"type\":\"integer\"}, \"a\":{\"type\":\"string\"} },\n"
                + "  \"required\" : [\"b\", \"a\"], \"type\" : \"object\" }";
        assertThat(CanonicalJson.form(a)).isEqualTo(CanonicalJson.form(b));
        assertThat(CanonicalJson.fingerprint(a))
                .isEqualTo(CanonicalJson.fingerprint(b))
                .hasSize(64);
    }

    @Test
    void aRealChangeIsANewSchema() {
        String base = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
        assertThat(CanonicalJson.fingerprint(base))
                .isNotEqualTo(CanonicalJson.fingerprint(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}"));
        assertThat(CanonicalJson.fingerprint(base))
                .isNotEqualTo(CanonicalJson.fingerprint(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{}}}"));
        // the order of other arrays means something (enum order, items tuples): kept
        assertThat(CanonicalJson.form("{\"enum\":[\"x\",\"y\"]}"))
                .isNotEqualTo(CanonicalJson.form("{\"enum\":[\"y\",\"x\"]}"));
    }

    @Test
    void aPropertyNamedRequiredIsNotASet() {
        String a = "{\"properties\":{\"required\":{\"type\":\"array\",\"items\":[{\"type\":\"string\"},"
                + "{\"type\":\"integer\"}]}}}";
        String swapped = "{\"properties\":{\"required\":{\"type\":\"array\",\"items\":[{\"type\":\"integer\"},"
                + "{\"type\":\"string\"}]}}}";
        assertThat(CanonicalJson.form(a)).isNotEqualTo(CanonicalJson.form(swapped));
    }
}
