package io.eventbridge.kafka.sink.delivery;

/**
 * Which retry number of the shared {@link io.eventbridge.kafka.common.retry.RetryPolicy} an entry's
 * next backoff uses.
 *
 * <p>The backoff follows the pressure on the endpoint, not an entry's bad luck. A throttled entry
 * that waits longer does not lower the load on EventBridge: its place in the next request goes to
 * another entry at once, and the in-flight limit is what bounds the request rate. So while some
 * entries of each response get through, retries stay near the first backoff. While nothing gets
 * through (consecutive responses with no delivered entry: an outage, or throttling of whole
 * requests), the level climbs one step per such response, up to the policy's maximum. An entry's own
 * attempts add a step per {@link #ATTEMPTS_PER_STEP}, so one that always fails (a poison entry
 * getting InternalFailure) still backs off to the maximum instead of hot-looping until the deadline.
 */
final class BackoffLevel {
    static final int ATTEMPTS_PER_STEP = 4;

    private BackoffLevel() {}

    /**
     * @param attempts the entry's attempts so far (at least 1)
     * @param unproductiveResponses consecutive responses in which no entry was delivered
     * @return the retry number to hand to the policy, at least 1
     */
    static int retryNumber(int attempts, int unproductiveResponses) {
        return 1 + unproductiveResponses + (attempts - 1) / ATTEMPTS_PER_STEP;
    }
}
