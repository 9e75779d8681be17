package io.eventbridge.kafka.it.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The Connect worker's REST API, as an operator's deployment would call it. */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public ConnectRest(URI base) {
        this.base = base;
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException,
        InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
            .timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates or updates a connector; fails on an error answer (a config the connector refuses). */
    public void put(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> r = call("PUT", "connectors/" + name + "/config", JSON.writeValueAsString(config));
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The state of the connector and of each task, e.g. RUNNING RUNNING; empty while unknown. */
    public String states(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "connectors/" + name + "/status", null);
        if (r.statusCode() != 200) {
            return "";
        }
        JsonNode status = JSON.readTree(r.body());
        StringBuilder out = new StringBuilder(status.path("connector").path("state").asText());
        status.path("tasks").forEach(t -> out.append(' ').append(t.path("state").asText()));
        return out.toString();
    }

    /** The worker (host:port) each task of the connector runs on, by task id; empty while unknown. */
    public Map<Integer, String> taskWorkers(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "connectors/" + name + "/status", null);
        Map<Integer, String> workers = new java.util.TreeMap<>();
        if (r.statusCode() == 200) {
            JSON.readTree(r.body()).path("tasks").forEach(t -> {
                if ("RUNNING".equals(t.path("state").asText())) {
                    workers.put(t.path("id").asInt(), t.path("worker_id").asText());
                }
            });
        }
        return workers;
    }

    /** Whether the worker answers its REST API's root. */
    public boolean answers() {
        try {
            return call("GET", "", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void delete(String name) throws IOException, InterruptedException {
        call("DELETE", "connectors/" + name, null);
    }
}
