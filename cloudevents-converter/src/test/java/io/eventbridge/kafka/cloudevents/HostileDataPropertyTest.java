package io.eventbridge.kafka.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.common.hostile.HostileInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * The converter, both ways, under hostile input: bytes that are not UTF-8 or hostile JSON, in binary mode (with
 * hostile {@code ce_*} headers) and in structured mode; and schemaless values handed to fromConnectData. Each
 * call returns, or throws a {@link DataException} that says what is wrong (which Connect reports with the record's
 * topic, partition and offset); never another exception, never a hang.
 */
class HostileDataPropertyTest {
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor();

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
    }

    private static CloudEventsConverter converter() {
        CloudEventsConverter c = new CloudEventsConverter();
        c.configure(Map.of(), false);
        return c;
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                HostileInput.jsonText(),
                Arbitraries.of(
                        "1.0",
                        "0.3",
                        "2026-12-03T10:00:00Z",
                        "not-a-time",
                        "/s",
                        "t",
                        "",
                        "application/json",
                        "application/cloudevents+json"));
    }

    private static Object outcome(java.util.concurrent.Callable<Object> call) throws Exception {
        return RUNNER.submit(() -> {
                    try {
                        return call.call();
                    } catch (DataException e) {
                        assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
                        return e;
                    }
                })
                .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Property(tries = 600, seed = "8263453")
    void anyBytesAndHeadersReadAsACloudEventOrANamedRefusal(
            @ForAll("bytes") byte[] data,
            @ForAll("headerValues") String specversion,
            @ForAll("headerValues") String time,
            @ForAll("headerValues") String contentType,
            @ForAll boolean structured)
            throws Exception {
        RecordHeaders headers = new RecordHeaders();
        if (structured) {
            headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        } else {
            headers.add("ce_specversion", specversion.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_id", "1".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_source", "/s".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", "t".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_time", time.getBytes(StandardCharsets.UTF_8));
            headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        }
        Object out = outcome(() -> converter().toConnectData("orders", headers, data));
        assertThat(out).isInstanceOfAny(SchemaAndValue.class, DataException.class);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return HostileInput.bytes();
    }

    @Provide
    Arbitrary<Object> values() {
        return HostileInput.schemalessValue();
    }

    @Property(tries = 400, seed = "8263454")
    void anySchemalessValueWritesOrIsRefusedByName(@ForAll("values") Object value) throws Exception {
        Object out = outcome(() -> converter().fromConnectData("orders", new RecordHeaders(), null, value));
        assertThat(out)
                .matches(o -> o == null || o instanceof byte[] || o instanceof DataException, "bytes or refusal");
    }
}
