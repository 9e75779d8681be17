package io.eventbridge.kafka.common.error;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every AWS failure the connectors meet is classified here, once.
 *
 * <h2>Per-entry error codes (PutEvents {@code Entries[].ErrorCode})</h2>
 * <table>
 * <tr><th>code</th><th>kind</th><th>why</th></tr>
 * <tr><td>ThrottlingException</td><td>RETRYABLE</td><td>account/bus rate exceeded; clears with backoff</td></tr>
 * <tr><td>InternalFailure</td><td>RETRYABLE</td><td>EventBridge-side transient error</td></tr>
 * <tr><td>InvalidArgument</td><td>NON_RETRYABLE</td><td>the entry breaks a field rule (length, aws. source...)</td></tr>
 * <tr><td>MalformedDetail</td><td>NON_RETRYABLE</td><td>Detail is not a JSON object</td></tr>
 * <tr><td>AccessDeniedException</td><td>NON_RETRYABLE</td><td>the entry is not allowed (policy conditions on source/detail-type)</td></tr>
 * <tr><td>NotAuthorizedForSourceException</td><td>NON_RETRYABLE</td><td>policy forbids this Source</td></tr>
 * <tr><td>NotAuthorizedForDetailTypeException</td><td>NON_RETRYABLE</td><td>policy forbids this DetailType</td></tr>
 * <tr><td>InvalidAccountIdException</td><td>NON_RETRYABLE</td><td>bad account in a resource/ARN</td></tr>
 * <tr><td>RedactionFailure</td><td>NON_RETRYABLE</td><td>EventBridge could not redact the entry</td></tr>
 * <tr><td>EntryTooLarge (ours)</td><td>NON_RETRYABLE</td><td>over the request byte limit and not offloaded</td></tr>
 * <tr><td>any other code</td><td>RETRYABLE</td><td>unknown codes are retried until the deadline, never dropped</td></tr>
 * </table>
 *
 * <h2>Whole-request failures (exceptions)</h2>
 * <table>
 * <tr><th>failure</th><th>kind</th></tr>
 * <tr><td>throttling (ThrottlingException, TooManyRequestsException, RequestLimitExceeded, HTTP 429)</td><td>RETRYABLE</td></tr>
 * <tr><td>HTTP 5xx, InternalFailure, ServiceUnavailable</td><td>RETRYABLE</td></tr>
 * <tr><td>timeouts, connection errors, I/O errors ({@link SdkClientException})</td><td>RETRYABLE</td></tr>
 * <tr><td>expired or not-yet-valid credentials (ExpiredToken*, RequestExpired)</td><td>RETRYABLE: the provider refreshes</td></tr>
 * <tr><td>ResourceNotFoundException (unknown bus / endpoint), AccessDeniedException,
 *   UnrecognizedClientException, InvalidClientTokenId, InvalidSignatureException,
 *   SignatureDoesNotMatch, MissingAuthenticationToken, IncompleteSignature, OptInRequired</td><td>FATAL</td></tr>
 * <tr><td>other 4xx (ValidationException, ...)</td><td>NON_RETRYABLE for the request's entries</td></tr>
 * </table>
 */
public final class AwsErrorClassifier {
    /** Our own code for an entry larger than the request byte limit that was not offloaded. */
    public static final String ENTRY_TOO_LARGE = "EntryTooLarge";

    private static final Map<String, FailureKind> ENTRY_CODES = Map.ofEntries(
            Map.entry("ThrottlingException", FailureKind.RETRYABLE),
            Map.entry("InternalFailure", FailureKind.RETRYABLE),
            Map.entry("InvalidArgument", FailureKind.NON_RETRYABLE),
            Map.entry("MalformedDetail", FailureKind.NON_RETRYABLE),
            Map.entry("AccessDeniedException", FailureKind.NON_RETRYABLE),
            Map.entry("NotAuthorizedForSourceException", FailureKind.NON_RETRYABLE),
            Map.entry("NotAuthorizedForDetailTypeException", FailureKind.NON_RETRYABLE),
            Map.entry("InvalidAccountIdException", FailureKind.NON_RETRYABLE),
            Map.entry("RedactionFailure", FailureKind.NON_RETRYABLE),
            Map.entry(ENTRY_TOO_LARGE, FailureKind.NON_RETRYABLE));

    private static final Set<String> THROTTLING_CODES = Set.of(
            "ThrottlingException",
            "Throttling",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "ProvisionedThroughputExceededException",
            "RequestThrottled",
            "RequestThrottledException",
            "SlowDown",
            "PriorRequestNotComplete");

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "InternalFailure",
            "InternalError",
            "InternalServerError",
            "ServiceUnavailable",
            "ServiceUnavailableException",
            "RequestTimeout",
            "RequestTimeoutException",
            "ExpiredToken",
            "ExpiredTokenException",
            "RequestExpired",
            "IDPCommunicationError");

    private static final Set<String> FATAL_CODES = Set.of(
            "ResourceNotFoundException",
            "AccessDeniedException",
            "AccessDenied",
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "MissingAuthenticationToken",
            "IncompleteSignature",
            "OptInRequired",
            "NoSuchBucket",
            "InvalidAccessKeyId",
            "AuthFailure",
            "NotAuthorized");

    private AwsErrorClassifier() {}

    /** Classifies one failed entry of a PutEvents response by its error code. */
    public static FailureKind classifyEntry(String errorCode) {
        if (errorCode == null) {
            return FailureKind.RETRYABLE;
        }
        return ENTRY_CODES.getOrDefault(errorCode, FailureKind.RETRYABLE);
    }

    /** Whether an error code (of an entry or a call) says the caller is over a rate or quota. */
    public static boolean isThrottlingCode(String errorCode) {
        return errorCode != null && THROTTLING_CODES.contains(errorCode);
    }

    /** Whether a failed call was throttled: the service's throttling codes or HTTP 429. */
    public static boolean isThrottling(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            return service.isThrottlingException() || service.statusCode() == 429 || isThrottlingCode(code);
        }
        return false;
    }

    /** Classifies a failure of a whole call. */
    public static FailureKind classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if (service.isThrottlingException() || status == 429 || (code != null && THROTTLING_CODES.contains(code))) {
                return FailureKind.RETRYABLE;
            }
            if (code != null && TRANSIENT_CODES.contains(code)) {
                return FailureKind.RETRYABLE;
            }
            if (status >= 500 || status == 0) {
                return FailureKind.RETRYABLE;
            }
            if (code != null && FATAL_CODES.contains(code) || status == 401 || status == 403) {
                return FailureKind.FATAL;
            }
            return FailureKind.NON_RETRYABLE;
        }
        if (t instanceof SdkClientException || t instanceof IOException || t instanceof TimeoutException) {
            return FailureKind.RETRYABLE;
        }
        return FailureKind.NON_RETRYABLE;
    }

    /** The AWS error code of a failure, or its exception class name when it has none. */
    public static String errorCode(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return t.getClass().getSimpleName();
    }

    /** Strips the wrappers that futures put around a failure. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
