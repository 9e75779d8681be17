package io.eventbridge.kafka.common.error;

/** What to do about a failure: the three outcomes of {@link AwsErrorClassifier}. */
public enum FailureKind {
    /** Transient: retry under the shared policy until its deadline, then follow errors.tolerance. */
    RETRYABLE,
    /** This record (entry) will never succeed: dead-letter it or fail, per errors.tolerance. */
    NON_RETRYABLE,
    /** Nothing will succeed until the configuration or the account is fixed: fail the task. */
    FATAL
}
