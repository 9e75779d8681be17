package io.eventbridge.kafka.it.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account-wide PutEvents quota of the local EventBridge: one token bucket per account over every PutEvents
 * request from every client, as AWS meters the account and region. A request that finds the bucket empty is answered
 * with ThrottlingException. Off (0) by default; set with {@link Faults#accountQuota}.
 */
final class AccountQuota {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Faults faults;

    AccountQuota(Faults faults) {
        this.faults = faults;
    }

    /** Takes one request from the account's bucket; false when the account is over its quota. */
    boolean tryAcquire(String account) {
        double rate = faults.accountQuotaPerSecond();
        if (rate <= 0) {
            return true;
        }
        double burst = faults.accountQuotaBurst() > 0 ? faults.accountQuotaBurst() : rate;
        return buckets.computeIfAbsent(account, a -> new Bucket()).tryAcquire(rate, burst, System.nanoTime());
    }

    void reset() {
        buckets.clear();
    }

    private static final class Bucket {
        private double tokens = -1;
        private long last;

        synchronized boolean tryAcquire(double rate, double burst, long now) {
            if (tokens < 0) {
                tokens = burst;
            } else {
                tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
            }
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
