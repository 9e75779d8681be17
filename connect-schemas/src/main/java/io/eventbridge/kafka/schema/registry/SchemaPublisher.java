package io.eventbridge.kafka.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.common.retry.RetryPolicy;
import io.eventbridge.kafka.common.schemas.SchemasClient;
import io.eventbridge.kafka.schema.json.CanonicalJson;
import io.eventbridge.kafka.schema.json.SchemaFormat;
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
 * <p>A document becomes a new version only when its canonical form ({@link CanonicalJson}) is one the publisher
 * has not seen for that name: not the registry's latest (read once per name with DescribeSchema, which is what
 * keeps a restart from registering the same version again), nor one it published itself. So a change costs one
 * registry call (UpdateSchema, or CreateSchema for a new name), and records of two schemas interleaved on one
 * detail-type give two versions, not one per switch. The registry is created first if asked and absent.
 *
 * <p>Any failure leaves the document pending and is retried after the shared {@link RetryPolicy}'s backoff,
 * without end (past the policy's deadline at its longest backoff): a registry that comes back gets the schema.
 * The first failure of a run of failures logs a WARN with the reason; the recovery logs INFO.
 */
public final class SchemaPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchemaPublisher.class);

    /** What to publish where. */
    public record Settings(String registry, SchemaFormat format, boolean createRegistry, String description) {
    }

    /** One document to publish: its canonical fingerprint is taken once, on the caller's thread. */
    private record Pending(JsonNode document, String fingerprint) {
    }

    private final SchemasClient client;
    private final Settings settings;
    private final RetryPolicy retry;
    private final Thread thread;
    private final Object lock = new Object();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Per schema name, the fingerprints known to be versions in the registry: only touched by the thread. */
    private final Map<String, Set<String>> known = new HashMap<>();
    private final AtomicLong versionsPublished = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastError;
    private boolean registryReady;

    public SchemaPublisher(SchemasClient client, Settings settings, RetryPolicy retry, String threadName) {
        this.client = client;
        this.settings = settings;
        this.retry = retry;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Asks for {@code document} to be the latest version of {@code schemaName}; replaces a document of that name
     * still waiting. Returns at once.
     */
    public void offer(String schemaName, JsonNode document) {
        Pending next = new Pending(document, CanonicalJson.fingerprint(document));
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
            Map.Entry<String, Pending> next;
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = pending.entrySet().iterator().next();
            }
            try {
                publish(next.getKey(), next.getValue());
                synchronized (lock) {
                    pending.remove(next.getKey(), next.getValue()); // unless a newer document replaced it
                }
                if (lastError != null) {
                    log.info("Schema registry {} reachable again: published {}", settings.registry(), next.getKey());
                    lastError = null;
                }
                retryNumber = 0;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                long now = System.nanoTime() / 1_000_000;
                if (retryNumber == 0) {
                    failingSince = now;
                    log.warn("Could not publish schema {} to registry {} (events are still delivered; retrying in "
                        + "the background): {}", next.getKey(), settings.registry(), e.getMessage());
                } else {
                    log.debug("Schema {} still not published (retry {}): {}", next.getKey(), retryNumber,
                        e.toString());
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

    /** Waits out a backoff (a new offer does not cut it short); false when closed or interrupted meanwhile. */
    private boolean sleepUntil(long untilMs) {
        synchronized (lock) {
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
        Set<String> versions = known.get(name);
        if (versions == null) {
            SchemasClient.SchemaVersion latest = client.describeSchema(settings.registry(), name, null);
            versions = new HashSet<>();
            if (latest != null && latest.content() != null) {
                try {
                    versions.add(CanonicalJson.fingerprint(latest.content()));
                } catch (IllegalArgumentException e) {
                    log.debug("Latest version of schema {} is not JSON; it will be replaced", name);
                }
            }
            known.put(name, versions);
            if (versions.contains(doc.fingerprint())) {
                unchanged.incrementAndGet();
                log.debug("Schema {} is already the registry's version {}", name, latest.version());
                return;
            }
            SchemasClient.SchemaVersion made = latest == null ? create(name, doc) : update(name, doc);
            versions.add(doc.fingerprint());
            log.info("Published schema {} version {} to registry {}", name, made.version(), settings.registry());
            return;
        }
        if (versions.contains(doc.fingerprint())) {
            unchanged.incrementAndGet();
            return;
        }
        SchemasClient.SchemaVersion made = update(name, doc);
        versions.add(doc.fingerprint());
        log.info("Published schema {} version {} to registry {}", name, made.version(), settings.registry());
    }

    private SchemasClient.SchemaVersion create(String name, Pending doc) {
        try {
            SchemasClient.SchemaVersion made = client.createSchema(settings.registry(), name,
                settings.format().registryType(), doc.document().toString(), settings.description());
            versionsPublished.incrementAndGet();
            return made;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 409) { // another task created it first: read it again next time
                known.remove(name);
            }
            throw e;
        }
    }

    private SchemasClient.SchemaVersion update(String name, Pending doc) {
        SchemasClient.SchemaVersion made = client.updateSchema(settings.registry(), name,
            settings.format().registryType(), doc.document().toString(), settings.description());
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
                client.createRegistry(settings.registry(), "Schemas of events sent or received by "
                    + "kafka-connect-eventbridge");
                log.info("Created schema registry {}", settings.registry());
            } catch (AwsServiceException e) {
                if (e.statusCode() != 409) { // 409: created meanwhile by another task
                    throw e;
                }
            }
        }
        registryReady = true;
    }

    /** Stops the thread; documents still pending are not published (the next start offers them again). */
    @Override
    public void close() {
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
