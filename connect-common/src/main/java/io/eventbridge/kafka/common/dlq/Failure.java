package io.eventbridge.kafka.common.dlq;

/**
 * Why a record could not be delivered.
 *
 * @param errorCode the AWS error code, or one of ours (EntryTooLarge, MappingFailed...)
 * @param message a human-readable reason; never the record's contents
 * @param attempts how many times delivery was tried (0 when it was never sent)
 * @param cause the underlying exception, if any
 */
public record Failure(String errorCode, String message, int attempts, Throwable cause) {
    public Failure(String errorCode, String message, int attempts) {
        this(errorCode, message, attempts, null);
    }
}
