package io.eventbridge.kafka.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class SharedInferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tasksOfAConnectorWidenTheSameSchemasUntilTheLastOneStops() throws Exception {
        SchemaInference.ShapeStore none = partition -> null;
        SchemaInference.ShapeStore other = partition -> null;
        SchemaInference first = SharedInference.acquire("shared-a", none);
        SchemaInference second = SharedInference.acquire("shared-a", other);
        assertThat(second).isSameAs(first);
        assertThat(SharedInference.acquire("shared-b", none)).isNotSameAs(first);
        SharedInference.release("shared-b", none);

        first.detail("t", JSON.readTree("{\"n\":10000000000}"));
        // the other task, seeing a small number first, does not make an int of it
        Schema seenBySecond = second.detail("t", JSON.readTree("{\"n\":1}")).schema();
        assertThat(seenBySecond.field("n").schema().type()).isEqualTo(Schema.Type.INT64);

        SharedInference.release("shared-a", none);
        assertThat(SharedInference.acquire("shared-a", none))
                .as("one task still runs")
                .isSameAs(first);
        SharedInference.release("shared-a", none);
        SharedInference.release("shared-a", other);
        assertThat(SharedInference.acquire("shared-a", none))
                .as("all stopped: anew")
                .isNotSameAs(first);
        SharedInference.release("shared-a", none);
    }

    @Test
    void readsStoredShapesThroughATaskThatStillRuns() throws Exception {
        SchemaInference.ShapeStore stopped = partition -> {
            throw new IllegalStateException("Offset reader is closed");
        };
        SchemaInference long1 = new SchemaInference();
        long1.detail("t", JSON.readTree("{\"n\":10000000000}"));
        Map<String, Object> committed = long1.offsetOf("t");
        SchemaInference.ShapeStore running = partition -> committed;

        SchemaInference shared = SharedInference.acquire("shared-c", stopped);
        SharedInference.acquire("shared-c", running);
        SharedInference.release("shared-c", stopped);
        Schema schema = shared.detail("t", JSON.readTree("{\"n\":1}")).schema();
        assertThat(schema.field("n").schema().type()).isEqualTo(Schema.Type.INT64);
        SharedInference.release("shared-c", running);
    }
}
