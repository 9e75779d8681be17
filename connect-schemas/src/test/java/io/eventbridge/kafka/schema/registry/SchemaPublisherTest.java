package io.eventbridge.kafka.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The publisher's decisions against an in-memory registry that counts calls; the real API is in SchemaRegistryIT. */
class SchemaPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST =
            new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));

    /** Registries and schema versions in memory; {@code down} makes every call fail with 503. */
    static final class MemoryRegistry implements SchemasClient {
        final Map<String, List<String>> schemas = new ConcurrentHashMap<>();
        final List<String> registries = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean down;
        /** When set, CreateSchema waits for it: a registry call still running while the task offers more. */
        volatile java.util.concurrent.CountDownLatch createGate;

        final java.util.concurrent.CountDownLatch createEntered = new java.util.concurrent.CountDownLatch(1);

        private void call() {
            calls.incrementAndGet();
            if (down) {
                throw AwsServiceException.builder()
                        .statusCode(503)
                        .message("down")
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ServiceUnavailableException")
                                .build())
                        .build();
            }
        }

        @Override
        public List<Discoverer> listDiscoverers(String sourceArnPrefix) {
            return List.of();
        }

        @Override
        public boolean registryExists(String registry) {
            call();
            return registries.contains(registry);
        }

        @Override
        public void createRegistry(String registry, String description) {
            call();
            registries.add(registry);
        }

        @Override
        public SchemaVersion describeSchema(String registry, String schema, String version) {
            call();
            List<String> v = schemas.get(schema);
            return v == null
                    ? null
                    : new SchemaVersion(schema, Integer.toString(v.size()), "OpenApi3", v.get(v.size() - 1));
        }

        @Override
        public SchemaVersion createSchema(String registry, String schema, String type, String content, String d) {
            call();
            createEntered.countDown();
            if (createGate != null) {
                try {
                    createGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            schemas.put(schema, new ArrayList<>(List.of(content)));
            return new SchemaVersion(schema, "1", type, content);
        }

        @Override
        public SchemaVersion updateSchema(String registry, String schema, String type, String content, String d) {
            call();
            List<String> v = schemas.get(schema);
            v.add(content);
            return new SchemaVersion(schema, Integer.toString(v.size()), type, content);
        }

        @Override
        public List<String> listSchemaVersions(String registry, String schema) {
            return List.of();
        }

        @Override
        public List<String> listSchemas(String registry, String prefix) {
            return List.copyOf(schemas.keySet());
        }

        @Override
        public SchemaVersion exportSchema(String registry, String schema, String version, String type) {
            return null;
        }

        @Override
        public void close() {}
    }

    private static SchemaPublisher publisher(MemoryRegistry registry) {
        return new SchemaPublisher(
                registry,
                new SchemaPublisher.Settings("r", SchemaFormat.OPENAPI3, true, "test"),
                FAST,
                "test-publisher");
    }

    private static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void createsTheRegistryAndOneVersionPerRealChange() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher p = publisher(registry)) {
            p.offer("s@t", doc("{\"a\":1,\"b\":2}"));
            await().until(() -> p.versionsPublished() == 1 && p.pending() == 0);
            p.offer("s@t", doc("{\"b\":2, \"a\":1}")); // the same schema, written otherwise
            await().until(() -> p.unchanged() == 1 && p.pending() == 0);
            p.offer("s@t", doc("{\"a\":1,\"b\":3}"));
            await().until(() -> p.versionsPublished() == 2 && p.pending() == 0);
            p.offer("s@t", doc("{\"a\":1,\"b\":2}")); // interleaved records of the first schema: no third version
            await().until(() -> p.unchanged() == 2 && p.pending() == 0);
        }
        assertThat(registry.registries).containsExactly("r");
        assertThat(registry.schemas.get("s@t")).hasSize(2);
    }

    @Test
    void aRestartOfferingTheRegistrysLatestMakesNoVersion() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher p = publisher(registry)) {
            p.offer("s@t", doc("{\"a\":1}"));
            await().until(() -> p.versionsPublished() == 1 && p.pending() == 0);
        }
        try (SchemaPublisher restarted = publisher(registry)) {
            restarted.offer("s@t", doc("{ \"a\" : 1 }"));
            await().until(() -> restarted.unchanged() == 1 && restarted.pending() == 0);
            assertThat(restarted.versionsPublished()).isZero();
        }
        assertThat(registry.schemas.get("s@t")).hasSize(1);
    }

    @Test
    void aRegistryThatIsDownGetsTheLatestSchemaOnceBack() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        registry.down = true;
        try (SchemaPublisher p = publisher(registry)) {
            p.offer("s@t", doc("{\"a\":1}"));
            p.offer("s@t", doc("{\"a\":2}")); // replaces the one still waiting
            await().until(() -> p.failures() >= 3);
            assertThat(p.lastError()).contains("down");
            assertThat(p.pending()).isEqualTo(1);
            registry.down = false;
            await().atMost(Duration.ofSeconds(10)).until(() -> p.pending() == 0);
            assertThat(p.lastError()).isNull();
        }
        assertThat(registry.schemas.get("s@t")).containsExactly("{\"a\":2}");
    }

    @Test
    void aDocumentOfferedWhileTheRegistryCallForTheLastOneRunsIsPublishedAfterIt() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        registry.createGate = new java.util.concurrent.CountDownLatch(1);
        try (SchemaPublisher p = publisher(registry)) {
            p.offer("s@t", doc("{\"total\":\"integer\"}"));
            registry.createEntered.await();
            // the task widens the schema while the first version is being created
            p.offer("s@t", doc("{\"total\":\"number\"}"));
            registry.createGate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> p.versionsPublished() == 2 && p.pending() == 0);
        }
        assertThat(registry.schemas.get("s@t")).containsExactly("{\"total\":\"integer\"}", "{\"total\":\"number\"}");
    }

    @Test
    void closingRightAfterAnOfferStillPublishesIt() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        SchemaPublisher p = publisher(registry);
        p.offer("s@t", doc("{\"a\":1}"));
        p.offer("u@t", doc("{\"b\":1}"));
        p.close(); // a task stopped by a rebalance: its offsets are committed, nobody offers these again

        assertThat(registry.schemas.get("s@t")).containsExactly("{\"a\":1}");
        assertThat(registry.schemas.get("u@t")).containsExactly("{\"b\":1}");
        assertThat(p.pending()).isZero();
    }

    @Test
    void closingWhileTheRegistryFailsDoesNotWaitForItAndPublishesNothing() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        registry.down = true;
        SchemaPublisher p = publisher(registry);
        p.offer("s@t", doc("{\"a\":1}"));
        await().until(() -> p.failures() >= 1);
        p.close();

        assertThat(p.pending()).isEqualTo(1);
        assertThat(registry.schemas).isEmpty();
    }

    /** A widening that keeps every top-level field of the latest and adds the offered document's. */
    private static SchemaPublisher.Widening union(JsonNode offered) {
        return latest -> {
            var merged = ((com.fasterxml.jackson.databind.node.ObjectNode) latest).deepCopy();
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) offered);
            return merged;
        };
    }

    @Test
    void aRestartedPublisherOfferingANarrowerInferredSchemaLeavesTheWiderLatestInPlace() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher p = publisher(registry)) {
            JsonNode wide = doc("{\"a\":1,\"b\":2}");
            p.offer("s@t", wide, union(wide));
            await().until(() -> p.versionsPublished() == 1 && p.pending() == 0);
        }
        try (SchemaPublisher restarted = publisher(registry)) {
            JsonNode narrow = doc("{\"a\":1}"); // the first records after the committed offset had only a
            restarted.offer("s@t", narrow, union(narrow));
            await().until(() -> restarted.unchanged() == 1 && restarted.pending() == 0);
            JsonNode wider = doc("{\"a\":1,\"c\":3}"); // a new field: a version holding a, b and c
            restarted.offer("s@t", wider, union(wider));
            await().until(() -> restarted.versionsPublished() == 1 && restarted.pending() == 0);
            restarted.offer("s@t", narrow, union(narrow)); // held by a version: no call at all
            int calls = registry.calls.get();
            await().until(() -> restarted.unchanged() == 2);
            assertThat(registry.calls.get()).isEqualTo(calls);
        }
        assertThat(registry.schemas.get("s@t")).hasSize(2);
        assertThat(JSON.readTree(registry.schemas.get("s@t").get(1))).isEqualTo(doc("{\"a\":1,\"b\":2,\"c\":3}"));
    }

    /** A publisher that reads its versions back after 300 ms instead of seconds. */
    private static SchemaPublisher quicklyVerifying(MemoryRegistry registry) {
        return new SchemaPublisher(
                registry,
                new SchemaPublisher.Settings("r", SchemaFormat.OPENAPI3, true, "test"),
                FAST,
                "test-publisher",
                Duration.ofMillis(300));
    }

    @Test
    void twoPublishersOfDifferentExactSchemasDoNotReplaceEachOthersVersionsAgainAndAgain() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher older = quicklyVerifying(registry);
                SchemaPublisher newer = quicklyVerifying(registry)) {
            older.offer("s@t", doc("{\"v\":1}")); // tasks on two versions of an Avro schema, mid-evolution
            await().until(() -> older.versionsPublished() == 1 && older.pending() == 0);
            newer.offer("s@t", doc("{\"v\":2}"));
            await().until(() -> newer.versionsPublished() == 1 && newer.pending() == 0);
            int calls = registry.calls.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.calls.get() >= calls + 2); // both read back
            Thread.sleep(500);
            assertThat(older.versionsPublished() + newer.versionsPublished()).isEqualTo(2);
        }
        assertThat(registry.schemas.get("s@t")).hasSize(2);
    }

    @Test
    void aVersionAnotherPublisherReplacedWithoutHoldingOursIsPublishedAgainOverIt() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher p = quicklyVerifying(registry)) {
            JsonNode mine = doc("{\"a\":1}");
            p.offer("s@t", mine, union(mine));
            await().until(() -> p.versionsPublished() == 1 && p.pending() == 0);
            // another worker's task read the registry before our version and updated after it, with only its own
            registry.schemas.get("s@t").add("{\"b\":2}");
            await().atMost(Duration.ofSeconds(5)).until(() -> p.versionsPublished() == 2);
        }
        assertThat(registry.schemas.get("s@t")).hasSize(3);
        assertThat(JSON.readTree(registry.schemas.get("s@t").get(2))).isEqualTo(doc("{\"b\":2,\"a\":1}"));
    }

    @Test
    void aVersionReplacedByOneThatHoldsOursIsLeftAlone() throws Exception {
        MemoryRegistry registry = new MemoryRegistry();
        try (SchemaPublisher p = quicklyVerifying(registry)) {
            JsonNode mine = doc("{\"a\":1}");
            p.offer("s@t", mine, union(mine));
            await().until(() -> p.versionsPublished() == 1 && p.pending() == 0);
            registry.schemas.get("s@t").add("{\"a\":1,\"b\":2}");
            int calls = registry.calls.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.calls.get() > calls); // read back
            Thread.sleep(500);
            assertThat(p.versionsPublished()).isEqualTo(1);
        }
        assertThat(registry.schemas.get("s@t")).hasSize(2);
    }
}
