package io.eventbridge.kafka.sink.batch;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Takes the next PutEvents request's entries from the head of a queue: as many as fit in
 * {@code maxEntries} and {@code maxBytes} (the size formula), in queue order. An entry that must
 * travel alone goes in a request of its own. Entries larger than {@code maxBytes} never reach the
 * queue: they are offloaded or reported first.
 */
public final class BatchAssembler {
    private BatchAssembler() {}

    public static <T> List<T> next(
            Deque<T> queue, int maxEntries, int maxBytes, ToIntFunction<T> size, Predicate<T> alone) {
        List<T> batch = new ArrayList<>(Math.min(maxEntries, queue.size()));
        int bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxEntries) {
            T head = queue.peekFirst();
            int s = size.applyAsInt(head);
            boolean single = alone.test(head);
            if (!batch.isEmpty() && (bytes + s > maxBytes || single)) {
                break;
            }
            batch.add(queue.pollFirst());
            bytes += s;
            if (single) {
                break;
            }
        }
        return batch;
    }
}
