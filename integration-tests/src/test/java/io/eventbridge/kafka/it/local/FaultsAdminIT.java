package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The local EventBridge's fault-injection admin API, driven over HTTP, seen through the real SDK. */
class FaultsAdminIT extends LocalEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> admin(String method, String query) throws Exception {
        URI uri = URI.create(local.endpoint() + LocalEventBridge.FAULTS_PATH + (query == null ? "" : "?" + query));
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EventBridgeClient client() {
        return EventBridgeClient.builder()
                .endpointOverride(URI.create(local.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(LocalEventBridge.REGION))
                .overrideConfiguration(
                        o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .build();
    }

    private static List<String> putTenEvents() {
        try (EventBridgeClient client = client()) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(PutEventsRequestEntry.builder()
                        .source("s")
                        .detailType("t")
                        .detail("{}")
                        .build());
            }
            List<String> codes = new ArrayList<>();
            for (PutEventsResultEntry e :
                    client.putEvents(b -> b.entries(entries)).entries()) {
                codes.add(e.errorCode() == null ? "ok" : e.errorCode());
            }
            return codes;
        }
    }

    @Test
    void faultsSetOverHttpThrottleEntriesUntilCleared() throws Exception {
        HttpResponse<String> set = admin("POST", "entryThrottleRate=1&latencyMs=5&seed=7");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"entryThrottleRate\":1.0", "\"latencyMs\":5");
        assertThat(putTenEvents()).containsOnly("ThrottlingException");

        assertThat(admin("DELETE", null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", null).body()).contains("\"entryThrottleRate\":0.0", "\"latencyMs\":0");
        assertThat(putTenEvents()).containsOnly("ok");
    }

    @Test
    void theAccountQuotaThrottlesEveryClientOfTheAccountAsAwsDoes() throws Exception {
        assertThat(admin("POST", "accountQuotaRequestsPerSecond=5&accountQuotaBurst=5")
                        .statusCode())
                .isEqualTo(200);
        try {
            int ok = 0;
            List<String> refusals = new ArrayList<>();
            try (EventBridgeClient a = client();
                    EventBridgeClient b = client()) {
                for (int i = 0; i < 12; i++) { // two clients of one account share the bucket
                    try {
                        (i % 2 == 0 ? a : b)
                                .putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                                        .source("s")
                                        .detailType("t")
                                        .detail("{}")
                                        .build()));
                        ok++;
                    } catch (software.amazon.awssdk.services.eventbridge.model.EventBridgeException e) {
                        refusals.add(e.statusCode() + " " + e.awsErrorDetails().errorCode() + " "
                                + e.awsErrorDetails().errorMessage() + " " + e.isThrottlingException());
                    }
                }
            }
            assertThat(ok).isBetween(5, 8); // the burst, plus what refilled while the requests ran
            assertThat(refusals)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r).isEqualTo("400 ThrottlingException Rate exceeded true"));
            assertThat(local.quotaThrottledRequests()).isEqualTo(refusals.size());
            assertThat(admin("GET", null).body()).contains("\"accountQuotaRequestsPerSecond\":5.0");
        } finally {
            admin("DELETE", null);
        }
        assertThat(putTenEvents()).containsOnly("ok");
    }

    @Test
    void anUnknownSettingOrARateOutOfRangeIsRefusedNamingIt() throws Exception {
        HttpResponse<String> unknown = admin("POST", "throttle=1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("throttle");
        HttpResponse<String> range = admin("POST", "latencyMs=50&http500Rate=2");
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(range.body()).contains("http500Rate");
        assertThat(admin("GET", null).body())
                .as("a refused request changes nothing")
                .contains("\"latencyMs\":0");
    }
}
