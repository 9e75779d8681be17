package io.eventbridge.kafka.source.subscription;

import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.retry.Retrier;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Runs the control-plane calls of a subscription under the shared retry policy (throttling, 5xx and timeouts are
 * retried until the deadline), and turns a final failure into an error that names the AWS action and the resource,
 * and says where a refused permission is granted.
 */
final class AwsCalls {
    private final Retrier retrier;
    private final String connector;

    AwsCalls(RetryPolicy policy, String connector) {
        this.retrier = new Retrier(policy, AwsErrorClassifier::classify);
        this.connector = connector;
    }

    <T> T call(String action, String resource, Callable<T> call) {
        try {
            return retrier.call(action + " " + resource, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionException(
                    "Subscription of connector " + connector + ": interrupted during " + action + " on " + resource, e);
        } catch (Exception e) {
            throw failure(action, resource, e);
        }
    }

    void run(String action, String resource, Runnable call) {
        call(action, resource, () -> {
            call.run();
            return null;
        });
    }

    private ConnectException failure(String action, String resource, Throwable e) {
        if (e instanceof SubscriptionException s) {
            return s;
        }
        Throwable cause = AwsErrorClassifier.unwrap(e);
        String code = AwsErrorClassifier.errorCode(cause);
        String message = cause instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorMessage()
                : cause.getMessage();
        String hint = switch (code) {
            case "AccessDeniedException", "AccessDenied" ->
                " Grant " + action + " on " + resource + " to the "
                        + "connector's credentials (docs/iam.md); for a bus in another account, its bus policy must allow it "
                        + "too (docs/subscriptions.md).";
            case "ResourceNotFoundException" -> " Check that the bus exists and is named as in subscription.event.bus.";
            default -> "";
        };
        return new SubscriptionException(
                "Subscription of connector " + connector + ": " + action + " on " + resource + " failed with " + code
                        + ": " + message + "." + hint,
                cause);
    }
}
