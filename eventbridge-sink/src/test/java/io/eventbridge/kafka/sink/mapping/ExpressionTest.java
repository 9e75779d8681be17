package io.eventbridge.kafka.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private static final RecordView VIEW = new RecordView(new SinkRecord(
            "t", 1, null, "k", null, Map.of("a", Map.of("b c", java.util.List.of(10, 20))), 9));

    @Test
    void evaluatesEveryPlaceholder() {
        Expression e = Expression.parse(
                "${topic}/${partition}/${offset}/${key}/${json:$.a['b c'][1]}/${id}", Map.of("id", "x"));
        assertThat(e.evaluate(VIEW)).isEqualTo("t/1/9/k/20/x");
    }

    @Test
    void aWholeJsonPathReadsTheValue() {
        assertThat(Expression.parse("$.a", Map.of()).evaluate(VIEW)).isEqualTo("{\"b c\":[10,20]}");
        assertThat(Expression.parse("$.nope.deeper", Map.of()).evaluate(VIEW)).isNull();
    }

    @Test
    void rejectsUnknownPlaceholdersUnclosedTemplatesAndIndefinitePaths() {
        assertThatThrownBy(() -> Expression.parse("x-${tpoic}", Map.of()))
                .hasMessageContaining("unknown placeholder ${tpoic}");
        assertThatThrownBy(() -> Expression.parse("x-${topic", Map.of())).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Expression.parse("$.items[*].id", Map.of())).hasMessageContaining("unsupported step");
        assertThatThrownBy(() -> Expression.parse("$..id", Map.of())).hasMessageContaining("wildcard");
    }
}
