package io.eventbridge.kafka.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorClassifierTest {
    @ParameterizedTest
    @CsvSource({
        "ThrottlingException, RETRYABLE",
        "InternalFailure, RETRYABLE",
        "InvalidArgument, NON_RETRYABLE",
        "MalformedDetail, NON_RETRYABLE",
        "AccessDeniedException, NON_RETRYABLE",
        "NotAuthorizedForSourceException, NON_RETRYABLE",
        "NotAuthorizedForDetailTypeException, NON_RETRYABLE",
        "InvalidAccountIdException, NON_RETRYABLE",
        "RedactionFailure, NON_RETRYABLE",
        "EntryTooLarge, NON_RETRYABLE",
        "SomethingNew, RETRYABLE"
    })
    void classifiesEveryDocumentedEntryErrorCode(String code, FailureKind expected) {
        assertThat(AwsErrorClassifier.classifyEntry(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "400, ThrottlingException, RETRYABLE",
        "429, TooManyRequestsException, RETRYABLE",
        "500, InternalException, RETRYABLE",
        "503, ServiceUnavailable, RETRYABLE",
        "400, ExpiredTokenException, RETRYABLE",
        "400, ResourceNotFoundException, FATAL",
        "400, UnrecognizedClientException, FATAL",
        "403, InvalidSignatureException, FATAL",
        "400, AccessDeniedException, FATAL",
        "400, ValidationException, NON_RETRYABLE",
        "413, ValidationException, NON_RETRYABLE"
    })
    void classifiesWholeRequestServiceErrors(int status, String code, FailureKind expected) {
        AwsServiceException error = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("m")
                        .build())
                .build();
        assertThat(AwsErrorClassifier.classify(new CompletionException(error))).isEqualTo(expected);
        assertThat(AwsErrorClassifier.errorCode(new CompletionException(error))).isEqualTo(code);
    }

    @Test
    void timeoutsAndConnectionErrorsAreRetryable() {
        assertThat(AwsErrorClassifier.classify(ApiCallAttemptTimeoutException.create(1000)))
                .isEqualTo(FailureKind.RETRYABLE);
        assertThat(AwsErrorClassifier.classify(SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.RETRYABLE);
        assertThat(AwsErrorClassifier.classify(new CompletionException(new java.io.IOException("reset"))))
                .isEqualTo(FailureKind.RETRYABLE);
    }

    @Test
    void programmingErrorsAreNotRetried() {
        assertThat(AwsErrorClassifier.classify(new IllegalArgumentException("bug")))
                .isEqualTo(FailureKind.NON_RETRYABLE);
    }
}
