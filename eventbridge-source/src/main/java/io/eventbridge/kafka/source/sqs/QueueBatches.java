package io.eventbridge.kafka.source.sqs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Splits messages into per-queue batches: SQS batch calls (delete, change visibility) name one queue each. */
final class QueueBatches {
    /** SQS's limit for entries in one batch call. */
    static final int MAX = 10;

    private QueueBatches() {}

    /** Batches of at most {@code size} items by queue URL, queues in first-seen order. */
    static <T> Map<String, List<List<T>>> of(List<T> items, Function<T, String> queueUrl, int size) {
        Map<String, List<T>> byQueue = new LinkedHashMap<>();
        for (T item : items) {
            byQueue.computeIfAbsent(queueUrl.apply(item), k -> new ArrayList<>())
                    .add(item);
        }
        Map<String, List<List<T>>> out = new LinkedHashMap<>();
        byQueue.forEach((queue, list) -> {
            List<List<T>> batches = new ArrayList<>();
            for (int i = 0; i < list.size(); i += size) {
                batches.add(list.subList(i, Math.min(list.size(), i + size)));
            }
            out.put(queue, batches);
        });
        return out;
    }
}
