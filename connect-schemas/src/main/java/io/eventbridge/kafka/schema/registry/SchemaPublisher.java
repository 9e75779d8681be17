package io.eventbridge.kafka.schema.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.schema.json.CanonicalJson;
import io.eventbridge.kafka.schema.json.SchemaFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Publishes event schemas to an EventBridge schema registry on a thread of its own, so that the registry never
 * holds up delivery: {@link #offer} only records the latest document of a schema name.
 *
 * <p>A document is offered with how it widens the registry's latest version ({@link Widening}): a schema inferred
 * from records keeps every field and type the latest already has, so that a restarted task, which infers again
 * from the first records it reads, or another task that saw other records, never publishes a narrower schema over
 * a wider one; an exact schema (from a record's Connect schema) replaces the latest. A document already known to
 * be held by the registry (the same canonical form, {@link CanonicalJson}, offered before and found held or
 * published) costs no call; otherwise the publisher reads the latest version (DescribeSchema) and registers a new
 * version (UpdateSchema, or CreateSchema for a new name) only when the widened document differs from it. So
 * records of two exact schemas interleaved on one detail-type give two versions, not one per switch, and a
 * restart offering the registry's latest gives none. The registry is created first if asked and absent.
 *
 * <p>Tasks on other workers publish to the same name without coordination: two that read the same latest and
 * then both update leave the later one's version as the latest, without the earlier one's widening. So a few
 * seconds after each version it registers, the publisher reads the latest again and, if that no longer holds
 * its document, publishes the widening of the new latest (see {@link #verify} for when it does not).
 *
 * <p>Any failure leaves the document pending and is retried after the shared {@link RetryPolicy}'s backoff,
 * without end (past the policy's deadline at its longest backoff): a registry that comes back gets the schema.
 * The first failure of a run of failures logs a WARN with the reason; the recovery logs INFO.
 */
public final class SchemaPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchemaPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long {@link #close()} waits for pending documents: within Connect's 5 s graceful task shutdown. */
    static final long DRAIN_MS = 2_000;

    /** What to publish where. */
    public record Settings(String registry, SchemaFormat format, boolean createRegistry, String description) {}

    /**
     * How an offered document goes over the registry's latest version of its name: given that version's
     * document, the document to publish in its place (one equal to it, in canonical form, means nothing new).
     * Called on the publisher's thread; the function must not touch state the caller's thread changes.
     */
    @FunctionalInterface
    public interface Widening {
        /** The offered document replaces the latest: for exact schemas. */
        static Widening replace(JsonNode document) {
            return latest -> document;
        }

        JsonNode over(JsonNode latest);
    }

    /** Seconds after registering a version, the latest is read again (see the class comment). */
    static final Duration VERIFY_AFTER = Duration.ofSeconds(3);

    /** One document to publish: its canonical fingerprint is taken once, on the caller's thread. */
    private record Pending(JsonNode document, String fingerprint, Widening widening) {}

    /** A version this publisher registered (the fingerprint of the document it sent), to read back later. */
    private record Registered(Pending offered, String version, String published, long dueMs) {}

    private final SchemasClient client;
    private final Settings settings;
    private final RetryPolicy retry;
    private final Thread thread;
    private final Object lock = new Object();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Per schema name, fingerprints of offered documents a registry version holds: only touched by the thread. */
    private final Map<String, Set<String>> known = new HashMap<>();
    /** Per schema name, the last version registered and not yet read back: only touched by the thread. */
    private final Map<String, Registered> registered = new LinkedHashMap<>();

    private final long verifyAfterMs;
    private final AtomicLong versionsPublished = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastError;
    private boolean registryReady;

    public SchemaPublisher(SchemasClient client, Settings settings, RetryPolicy retry, String threadName) {
        this(client, settings, retry, threadName, VERIFY_AFTER);
    }

    SchemaPublisher(
            SchemasClient client, Settings settings, RetryPolicy retry, String threadName, Duration verifyAfter) {
        this.verifyAfterMs = verifyAfter.toMillis();
        this.client = client;
        this.settings = settings;
        this.retry = retry;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks for {@code document}, an exact schema, to be the latest version of {@code schemaName}; replaces a
     * document of that name still waiting. Returns at once.
     */
    public void offer(String schemaName, JsonNode document) {
        offer(schemaName, document, Widening.replace(document));
    }

    /**
     * Asks for the registry's latest version of {@code schemaName} to hold {@code document}: the first version is
     * {@code document}, later ones {@code widening} over the latest. Replaces a document of that name still
     * waiting. Returns at once.
     */
    public void offer(String schemaName, JsonNode document, Widening widening) {
        Pending next = new Pending(document, CanonicalJson.fingerprint(document), widening);
        synchronized (lock) {
            pending.put(schemaName, next);
            lock.notifyAll();
        }
    }

    /** Versions this publisher created (CreateSchema and UpdateSchema). */
    public long versionsPublished() {
        return versionsPublished.get();
    }

    /** Registry calls that failed. */
    public long failures() {
        return failures.get();
    }

    /** Documents that needed no new version: the registry or this publisher already had them. */
    public long unchanged() {
        return unchanged.get();
    }

    public int pending() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** The reason of the last failure, or null once a publication succeeded after it. */
    public String lastError() {
        return lastError;
    }

    public Settings settings() {
        return settings;
    }

    private void run() {
        int retryNumber = 0;
        long failingSince = 0;
        while (!closed) {
            String name;
            Pending next;
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    long wait = registered.isEmpty()
                            ? 0
                            : registered.values().iterator().next().dueMs() - System.nanoTime() / 1_000_000;
                    if (!registered.isEmpty() && wait <= 0) {
                        break;
                    }
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                // the key and the document, not the map's entry: an offer for the same name replaces the entry's
                // value in place, and that newer document must stay pending once this one is published
                if (pending.isEmpty()) {
                    name = registered.keySet().iterator().next();
                    next = null;
                } else {
                    Map.Entry<String, Pending> first =
                            pending.entrySet().iterator().next();
                    name = first.getKey();
                    next = first.getValue();
                }
            }
            try {
                if (next == null) {
                    verify(name);
                } else {
                    publish(name, next);
                    synchronized (lock) {
                        pending.remove(name, next); // unless a newer document replaced it
                        lock.notifyAll(); // a closing publisher waits for the pending documents
                    }
                }
                if (lastError != null) {
                    log.info("Schema registry {} reachable again: published {}", settings.registry(), name);
                    lastError = null;
                }
                retryNumber = 0;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                long now = System.nanoTime() / 1_000_000;
                if (retryNumber == 0) {
                    failingSince = now;
                    log.warn(
                            "Could not publish schema {} to registry {} (events are still delivered; retrying in "
                                    + "the background): {}",
                            name,
                            settings.registry(),
                            e.getMessage());
                } else {
                    log.debug("Schema {} still not published (retry {}): {}", name, retryNumber, e.toString());
                }
                lastError = e.getMessage();
                retryNumber++;
                long delay = retry.nextDelayMs(failingSince, now, retryNumber);
                if (delay < 0) {
                    delay = Math.max(retry.maxBackoffMs(), 1_000); // past the deadline: keep trying, slowly
                }
                if (!sleepUntil(now + delay)) {
                    return;
                }
            }
        }
    }

    /** Waits while documents are pending, the registry is not failing and the drain time is not up. */
    private void drain() {
        long until = System.nanoTime() / 1_000_000 + DRAIN_MS;
        synchronized (lock) {
            while (!pending.isEmpty() && lastError == null && thread.isAlive()) {
                long left = until - System.nanoTime() / 1_000_000;
                if (left <= 0) {
                    log.info(
                            "Closing with {} schema(s) not yet published to registry {}",
                            pending.size(),
                            settings.registry());
                    return;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits out a backoff (a new offer does not cut it short); false when closed or interrupted meanwhile. */
    private boolean sleepUntil(long untilMs) {
        synchronized (lock) {
            lock.notifyAll(); // a closing publisher stops waiting for a registry that fails
            long left;
            while (!closed && (left = untilMs - System.nanoTime() / 1_000_000) > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closed;
        }
    }

    private void publish(String name, Pending doc) {
        ensureRegistry();
        Set<String> held = known.computeIfAbsent(name, n -> new HashSet<>());
        if (held.contains(doc.fingerprint())) {
            unchanged.incrementAndGet();
            return;
        }
        SchemasClient.SchemaVersion latest = client.describeSchema(settings.registry(), name, null);
        if (latest == null) {
            SchemasClient.SchemaVersion made = create(name, doc.document());
            held.add(doc.fingerprint());
            registered(name, doc, made, doc.fingerprint());
            return;
        }
        JsonNode latestDoc = parsed(name, latest);
        JsonNode widened = latestDoc == null ? doc.document() : doc.widening().over(latestDoc);
        String fingerprint = CanonicalJson.fingerprint(widened);
        if (latestDoc != null && fingerprint.equals(CanonicalJson.fingerprint(latestDoc))) {
            held.add(doc.fingerprint());
            unchanged.incrementAndGet();
            log.debug("Schema {}: the registry's version {} already holds it", name, latest.version());
            return;
        }
        SchemasClient.SchemaVersion made = update(name, widened);
        held.add(doc.fingerprint());
        held.add(fingerprint);
        registered(name, doc, made, fingerprint);
    }

    private void registered(String name, Pending doc, SchemasClient.SchemaVersion made, String published) {
        log.info("Published schema {} version {} to registry {}", name, made.version(), settings.registry());
        registered.remove(name);
        registered.put(
                name, new Registered(doc, made.version(), published, System.nanoTime() / 1_000_000 + verifyAfterMs));
    }

    /**
     * Reads back the latest version of a name some seconds after this publisher registered one: if another
     * publisher's version replaced it without holding this one's document, and widening the new latest with it
     * adds what the latest lacks (not just this publisher's own exact parts again: two tasks on two versions of
     * an Avro schema would otherwise replace each other's version every few seconds), the document is offered
     * again.
     */
    private void verify(String name) {
        Registered mine = registered.get(name);
        SchemasClient.SchemaVersion latest = client.describeSchema(settings.registry(), name, null);
        registered.remove(name);
        if (latest == null || mine.version().equals(latest.version())) {
            return;
        }
        JsonNode latestDoc = parsed(name, latest);
        if (latestDoc != null) {
            String widened = CanonicalJson.fingerprint(mine.offered().widening().over(latestDoc));
            if (widened.equals(CanonicalJson.fingerprint(latestDoc)) || widened.equals(mine.published())) {
                return; // the newer version holds ours, or differs from it only where ours is exact
            }
        }
        log.info(
                "Schema {}: version {} replaced this task's version {} without holding it; publishing again",
                name,
                latest.version(),
                mine.version());
        Set<String> held = known.get(name);
        if (held != null) {
            held.remove(mine.offered().fingerprint());
        }
        synchronized (lock) {
            pending.putIfAbsent(name, mine.offered());
        }
    }

    private static JsonNode parsed(String name, SchemasClient.SchemaVersion version) {
        if (version.content() == null) {
            return null;
        }
        try {
            JsonNode doc = JSON.readTree(version.content());
            if (doc != null && doc.isObject()) {
                return doc;
            }
        } catch (JsonProcessingException e) {
            log.debug("Latest version of schema {} is not JSON: {}", name, e.getOriginalMessage());
        }
        log.debug("Latest version of schema {} is not a JSON document; it will be replaced", name);
        return null;
    }

    private SchemasClient.SchemaVersion create(String name, JsonNode doc) {
        try {
            SchemasClient.SchemaVersion made = client.createSchema(
                    settings.registry(),
                    name,
                    settings.format().registryType(),
                    doc.toString(),
                    settings.description());
            versionsPublished.incrementAndGet();
            return made;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 409) { // another task created it first: read it again next time
                known.remove(name);
            }
            throw e;
        }
    }

    private SchemasClient.SchemaVersion update(String name, JsonNode doc) {
        SchemasClient.SchemaVersion made = client.updateSchema(
                settings.registry(), name, settings.format().registryType(), doc.toString(), settings.description());
        versionsPublished.incrementAndGet();
        return made;
    }

    private void ensureRegistry() {
        if (registryReady) {
            return;
        }
        if (!client.registryExists(settings.registry())) {
            if (!settings.createRegistry()) {
                throw new IllegalStateException("schema registry " + settings.registry() + " does not exist, and "
                        + "creating it is turned off");
            }
            try {
                client.createRegistry(
                        settings.registry(), "Schemas of events sent or received by " + "kafka-connect-eventbridge");
                log.info("Created schema registry {}", settings.registry());
            } catch (AwsServiceException e) {
                if (e.statusCode() != 409) { // 409: created meanwhile by another task
                    throw e;
                }
            }
        }
        registryReady = true;
    }

    /**
     * Gives the documents offered but not yet published up to {@link #DRAIN_MS} to reach the registry, then stops
     * the thread. A task stopped by a rebalance has had its offsets committed, so the records a pending widening
     * came from are not read again by the next task: without the wait, that widening would be lost. Documents still
     * pending after it (the registry failing or slow) are not published.
     */
    @Override
    public void close() {
        drain();
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
