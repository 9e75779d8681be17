package io.eventbridge.kafka.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private final TopicPartition tp = new TopicPartition("orders", 0);

    @Test
    void commitsOnlyUpToTheLowestUnfinishedOffsetWhenCompletionsComeOutOfOrder() {
        OffsetTracker tracker = new OffsetTracker();
        PartitionOffsets p = tracker.partition(tp);
        for (long o = 100; o < 110; o++) {
            p.take(o);
        }
        assertThat(tracker.committable()).containsEntry(tp, new OffsetAndMetadata(100));
        p.finish(105);
        p.finish(109);
        p.finish(101);
        assertThat(tracker.committable()).containsEntry(tp, new OffsetAndMetadata(100));
        p.finish(100);
        assertThat(tracker.committable()).containsEntry(tp, new OffsetAndMetadata(102));
        for (long o : List.of(102L, 103L, 104L, 106L, 107L, 108L)) {
            p.finish(o);
        }
        assertThat(tracker.committable()).containsEntry(tp, new OffsetAndMetadata(110));
    }

    @Test
    void recordsATransformDroppedCommitOnceNothingIsOwedButNeverPastAnUnfinishedRecord() {
        OffsetTracker tracker = new OffsetTracker();
        TopicPartition other = new TopicPartition("orders", 1);
        TopicPartition untouched = new TopicPartition("orders", 2);
        PartitionOffsets p = tracker.partition(tp);
        p.take(10);
        p.take(20);
        PartitionOffsets q = tracker.partition(other);
        q.take(5);
        q.finish(5);
        // the worker consumed up to 30 on tp (21-29 dropped by a Filter), 9 on other, 4 on a partition never put
        var consumed = java.util.Map.of(
                tp, new OffsetAndMetadata(30), other, new OffsetAndMetadata(9), untouched, new OffsetAndMetadata(4));
        p.finish(20);
        assertThat(tracker.committable(consumed))
                .as("10 is still owed")
                .containsEntry(tp, new OffsetAndMetadata(10))
                .containsEntry(other, new OffsetAndMetadata(9))
                .containsEntry(untouched, new OffsetAndMetadata(4));
        p.finish(10);
        assertThat(tracker.committable(consumed)).containsEntry(tp, new OffsetAndMetadata(30));
        assertThat(tracker.committable(java.util.Map.of(other, new OffsetAndMetadata(9))))
                .containsOnlyKeys(other);
    }

    @Test
    void partitionsWithNothingTakenAreNotCommitted() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.partition(tp);
        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void lateCompletionsOfARevokedPartitionDoNotCountForItsNextAssignment() {
        OffsetTracker tracker = new OffsetTracker();
        PartitionOffsets old = tracker.partition(tp);
        old.take(5);
        old.take(6);
        tracker.close(List.of(tp));
        assertThat(old.closed()).isTrue();
        PartitionOffsets fresh = tracker.partition(tp);
        fresh.take(5);
        old.finish(5);
        assertThat(tracker.committable()).containsEntry(tp, new OffsetAndMetadata(5));
    }
}
