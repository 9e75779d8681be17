package io.eventbridge.kafka.sink.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
    private record E(int size, boolean alone) {}

    private static ArrayDeque<E> queue(int... sizes) {
        ArrayDeque<E> q = new ArrayDeque<>();
        IntStream.of(sizes).forEach(s -> q.add(new E(s, false)));
        return q;
    }

    private static List<E> next(ArrayDeque<E> q, int maxBytes) {
        return BatchAssembler.next(q, 10, maxBytes, E::size, E::alone);
    }

    @Test
    void takesExactlyTenEntriesWhenMoreAreQueued() {
        ArrayDeque<E> q = queue(IntStream.generate(() -> 100).limit(25).toArray());
        assertThat(next(q, 262_144)).hasSize(10);
        assertThat(next(q, 262_144)).hasSize(10);
        assertThat(next(q, 262_144)).hasSize(5);
        assertThat(q).isEmpty();
    }

    @Test
    void fillsARequestToExactlyTheByteLimit() {
        ArrayDeque<E> q = queue(100_000, 100_000, 62_144, 1);
        List<E> batch = next(q, 262_144);
        assertThat(batch).extracting(E::size).containsExactly(100_000, 100_000, 62_144);
        assertThat(q).extracting(E::size).containsExactly(1);
    }

    @Test
    void stopsBeforeTheEntryThatWouldCrossTheLimitAndKeepsOrder() {
        ArrayDeque<E> q = queue(10, 20, 262_144, 30);
        assertThat(next(q, 262_144)).extracting(E::size).containsExactly(10, 20);
        assertThat(next(q, 262_144)).extracting(E::size).containsExactly(262_144);
        assertThat(next(q, 262_144)).extracting(E::size).containsExactly(30);
    }

    @Test
    void anEntryThatMustTravelAloneGetsARequestOfItsOwn() {
        ArrayDeque<E> q = new ArrayDeque<>(List.of(new E(1, false), new E(2, true), new E(3, false)));
        assertThat(next(q, 1000)).extracting(E::size).containsExactly(1);
        assertThat(next(q, 1000)).extracting(E::size).containsExactly(2);
        assertThat(next(q, 1000)).extracting(E::size).containsExactly(3);
    }

    @Test
    void emptyQueueGivesAnEmptyBatch() {
        assertThat(next(new ArrayDeque<>(), 1000)).isEmpty();
    }
}
