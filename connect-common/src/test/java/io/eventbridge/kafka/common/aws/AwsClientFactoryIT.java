package io.eventbridge.kafka.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.eventbridge.kafka.common.error.AwsErrorClassifier;
import io.eventbridge.kafka.common.error.FailureKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The clients this factory builds make exactly one HTTP attempt per call, whatever the failure, so
 * the shared RetryPolicy is the only thing that retries (a loopback server counts the attempts).
 */
class AwsClientFactoryIT {
    private HttpServer server;
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int status, String errorType, long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            attempts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body =
                    ("{\"__type\":\"" + errorType + "\",\"message\":\"injected\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static AwsClientSettings settings(String endpoint, int attemptTimeoutMs) {
        return new AwsClientSettings(
                "us-east-1",
                endpoint,
                null,
                null,
                "test",
                null,
                null,
                null,
                "AKID",
                "secret",
                null,
                attemptTimeoutMs,
                1_000,
                Map.of());
    }

    @ParameterizedTest
    @CsvSource({
        "500, InternalException, 0, RETRYABLE",
        "400, ThrottlingException, 0, RETRYABLE",
        "503, ServiceUnavailable, 0, RETRYABLE",
        "200, unused, 2000, RETRYABLE"
    })
    void makesExactlyOneAttemptPerCall(int status, String errorType, long delayMs, FailureKind kind) throws Exception {
        String endpoint = serve(status, errorType, delayMs);
        try (AwsClientFactory factory = new AwsClientFactory(settings(endpoint, 300));
                EventBridgeClient client = factory.configure(EventBridgeClient.builder(), null)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            assertThatThrownBy(() -> client.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                            .source("s")
                            .detailType("t")
                            .detail("{}")
                            .build())))
                    .satisfies(e -> assertThat(AwsErrorClassifier.classify(e)).isEqualTo(kind));
        }
        assertThat(attempts).as("HTTP attempts for one call").hasValue(1);
    }
}
