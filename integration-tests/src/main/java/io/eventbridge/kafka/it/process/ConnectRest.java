package io.eventbridge.kafka.it.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The Connect worker's REST API, as an operator's deployment would call it. */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public ConnectRest(URI base) {
        this.base = base;
    }

    private HttpResponse<String> call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
        StringBuilder out =
                new StringBuilder(status.path("connector").path("state").asText());
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

    /** How many of the connector's tasks are FAILED. */
    public int failedTasks(String name) throws IOException, InterruptedException {
        return (int) java.util.Arrays.stream(states(name).split(" "))
                .skip(1)
                .filter("FAILED"::equals)
                .count();
    }

    /**
     * Why the first failed task failed: the line of its trace that names a record ({@code topic=}), else the root
     * cause's line, else the first; empty when no task failed.
     */
    public String failureReason(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", "connectors/" + name + "/status", null);
        if (r.statusCode() == 200) {
            for (JsonNode task : JSON.readTree(r.body()).path("tasks")) {
                List<String> lines = task.path("trace").asText("").lines().toList();
                if (lines.isEmpty()) {
                    continue;
                }
                return lines.stream()
                        .filter(l -> l.contains("topic="))
                        .findFirst()
                        .or(() -> lines.stream()
                                .filter(l -> l.startsWith("Caused by:"))
                                .reduce((a, b) -> b))
                        .orElse(lines.get(0))
                        .strip();
            }
        }
        return "";
    }

    /** Restarts the connector's failed tasks (and the connector, if failed), as an operator would (KIP-745). */
    public void restartFailed(String name) throws IOException, InterruptedException {
        HttpResponse<String> r =
                call("POST", "connectors/" + name + "/restart?includeTasks=true&onlyFailed=true", null);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("restart of " + name + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    public void delete(String name) throws IOException, InterruptedException {
        call("DELETE", "connectors/" + name, null);
    }
}
