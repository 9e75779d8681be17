package io.eventbridge.kafka.it.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TCP fault proxy in front of the local EventBridge, driven from Java and from the fault admin API. */
class FaultProxyIT extends LocalEndpointTest {
    private FaultProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = FaultProxy.start("events", URI.create(local.endpoint()));
        local.faults().attach(proxy);
    }

    @AfterEach
    void stopProxy() {
        local.faults().clear();
        proxy.close();
    }

    /** The faults' settings, fetched through the proxy with a fresh connection each time. */
    private HttpResponse<String> getFaults(Duration timeout) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(
                HttpRequest.newBuilder(URI.create(proxy.endpoint() + LocalEventBridge.FAULTS_PATH))
                        .timeout(timeout)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String query) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(local.endpoint() + LocalEventBridge.FAULTS_PATH + "?" + query))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwardsUntilABlackholeHoldsEveryByteWhichPassesOnceItEnds() throws Exception {
        assertThat(getFaults(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

        proxy.blackhole(Duration.ofSeconds(30));
        assertThatThrownBy(() -> getFaults(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return getFaults(Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(held).isNotDone();
        proxy.restore();
        assertThat(held.get().statusCode())
                .as("the request sent into the blackhole")
                .isEqualTo(200);
    }

    @Test
    void refusedConnectionsAreResetAndLatencyIsAdded() throws Exception {
        proxy.refuse(Duration.ofSeconds(30));
        assertThatThrownBy(() -> getFaults(Duration.ofSeconds(5))).hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(proxy.resets()).isPositive();
        proxy.restore().latencyMs(150);
        long start = System.nanoTime();
        assertThat(getFaults(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("a request and its answer, each delayed")
                .isGreaterThanOrEqualTo(300);
    }

    @Test
    void theAdminApiSetsTheProxyAndShowsIt() throws Exception {
        HttpResponse<String> set = admin("proxy.events.latencyMs=25&proxy.events.bytesPerSecond=100000");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"proxies\":{\"events\":{", "\"latencyMs\":25", "\"bytesPerSecond\":100000");
        assertThat(admin("proxy.events.blackholeSeconds=60").body())
                .containsPattern("\"blackholeSecondsLeft\":(59|60)");
        assertThatThrownBy(() -> getFaults(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        assertThat(admin("proxy.events.clear=true").statusCode()).isEqualTo(200);
        assertThat(getFaults(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = admin("proxy.sqs.latencyMs=5");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no proxy named in proxy.sqs.latencyMs");
        assertThat(admin("proxy.events.reset=yes").body()).contains("takes true");
    }
}
