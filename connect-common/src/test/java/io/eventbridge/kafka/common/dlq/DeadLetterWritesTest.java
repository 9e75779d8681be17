package io.eventbridge.kafka.common.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeadLetterWritesTest {
    @Test
    void aRecordsOffsetGoesOnlyOnceItsDeadLetterIsWritten() throws Exception {
        DeadLetterWrites writes = new DeadLetterWrites();
        List<String> released = new ArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        writes.add(first, () -> released.add("a"), "topic=t partition=0 offset=1");
        writes.add(second, () -> released.add("b"), "topic=t partition=0 offset=2");
        writes.add(null, () -> released.add("no dead letter"), "topic=t partition=0 offset=3");
        assertThat(released).containsExactly("no dead letter");
        second.complete(null);
        writes.settle();
        assertThat(released).containsExactly("no dead letter", "b");
        assertThat(writes.inFlight()).isEqualTo(1);
        first.complete(null);
        assertThat(writes.awaitAll(1_000)).isTrue();
        assertThat(released).containsExactly("no dead letter", "b", "a");
        assertThat(writes.fatal()).isNull();
    }

    @Test
    void aFailedDeadLetterKeepsItsOffsetAndIsFatalNamingTheRecord() {
        DeadLetterWrites writes = new DeadLetterWrites();
        List<String> released = new ArrayList<>();
        CompletableFuture<Void> write = new CompletableFuture<>();
        writes.add(write, () -> released.add("a"), "topic=t partition=0 offset=7");
        write.completeExceptionally(new IllegalStateException("RecordTooLargeException"));
        writes.settle();
        assertThat(released).isEmpty();
        assertThat(writes.fatal())
                .hasMessageContaining("topic=t partition=0 offset=7")
                .hasMessageContaining("RecordTooLargeException")
                .hasMessageContaining("restart");
    }
}
