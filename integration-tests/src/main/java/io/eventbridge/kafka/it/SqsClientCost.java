package io.eventbridge.kafka.it;

import io.eventbridge.kafka.it.local.LocalEventBridge;
import io.eventbridge.kafka.it.local.LocalSqs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the AWS SDK costs per SQS message with each HTTP client the source could use, nothing of the connector:
 * {@code threads} loops of {@code ReceiveMessage(10)} + {@code DeleteMessageBatch(10)} against embedded ElasticMQ
 * (this JVM), with the CPU time per message of everything in this JVM but ElasticMQ's threads: the loops, the
 * client's own threads (native ones too) and the JVM's garbage collection and JIT. Rounds alternate the
 * clients, so that the JIT's warm-up and ElasticMQ's drift fall on both; the first round is not reported.
 *
 * <p>Arguments: {@code clients=apache,apache5,crt messages=100000 rounds=4 threads=4 checksums=true,false}.
 */
public final class SqsClientCost {
    private SqsClientCost() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = MainArgs.parse(
                Map.of(
                        "clients",
                        "apache,apache5,crt",
                        "messages",
                        "100000",
                        "rounds",
                        "4",
                        "threads",
                        "4",
                        "checksums",
                        "true,false"),
                args);
        int messages = Integer.parseInt(opts.get("messages"));
        int threads = Integer.parseInt(opts.get("threads"));
        Map<String, List<Double>> costs = new java.util.TreeMap<>();
        try (LocalSqs sqs = LocalSqs.start()) {
            for (int round = 0; round < Integer.parseInt(opts.get("rounds")); round++) {
                for (String client : opts.get("clients").split(",")) {
                    for (String checksums : opts.get("checksums").split(",")) {
                        String scenario = client + ", MD5 check " + (Boolean.parseBoolean(checksums) ? "on" : "off");
                        double micros = run(
                                sqs,
                                client,
                                Boolean.parseBoolean(checksums),
                                messages,
                                threads,
                                "r" + round + "-" + client + "-" + checksums);
                        System.out.printf(
                                Locale.ROOT,
                                "round %d, %s: %.1f µs of CPU per message (all but the SQS server)%n",
                                round,
                                scenario,
                                micros);
                        if (round > 0) {
                            costs.computeIfAbsent(scenario, k -> new ArrayList<>())
                                    .add(micros);
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| HTTP client, MD5 check | µs of CPU per message, each round | median |");
        System.out.println("|---|---|---|");
        costs.forEach((scenario, values) -> {
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.1f |%n",
                    scenario,
                    values.stream()
                            .map(v -> String.format(Locale.ROOT, "%.1f", v))
                            .toList(),
                    (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2);
        });
        System.exit(0);
    }

    private static SdkHttpClient http(String client, int connections) {
        return switch (client) {
            case "apache" ->
                ApacheHttpClient.builder().maxConnections(connections).build();
            case "apache5" ->
                Apache5HttpClient.builder().maxConnections(connections).build();
            case "crt" -> AwsCrtHttpClient.builder().maxConcurrency(connections).build();
            default -> throw new IllegalArgumentException("unknown client " + client + " (apache, apache5, crt)");
        };
    }

    private static double run(LocalSqs sqs, String client, boolean checksums, int messages, int threads, String name)
            throws Exception {
        String queue = sqs.createQueue("client-cost-" + name);
        SourceBenchmark.fill(sqs, queue, messages);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        try (SqsClient sdk = SqsClient.builder()
                .endpointOverride(URI.create(sqs.directEndpoint()))
                .region(Region.of(LocalEventBridge.REGION))
                .checksumValidationEnabled(checksums)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalEventBridge.ACCESS_KEY, LocalEventBridge.SECRET_KEY)))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(30)))
                .httpClient(http(client, threads * 2))
                .build()) {
            var before = SourceBenchmark.cpuByComponent();
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loops.add(pool.submit(() -> {
                    while (done.get() < messages) {
                        done.addAndGet(SourceBenchmark.receiveAndDelete(sdk, queue, "SentTimestamp"));
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            // everything but the SQS server: the loops, any threads of the client's own (the CRT's event loops are
            // native), and the JVM's garbage collection and JIT
            double seconds = SourceBenchmark.cpuDelta(before, SourceBenchmark.cpuByComponent()).entrySet().stream()
                    .filter(e -> !e.getKey().equals("sqs"))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            return seconds * 1e6 / done.get();
        } finally {
            pool.shutdown();
        }
    }
}
