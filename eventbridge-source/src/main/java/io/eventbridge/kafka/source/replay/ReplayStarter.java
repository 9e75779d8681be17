package io.eventbridge.kafka.source.replay;

import io.eventbridge.kafka.common.aws.AwsClientFactory;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayDestination;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;

/**
 * Starts the configured replay once and follows it. "Once" is remembered twice: the source offset of the
 * partition {@code {"replay": <name>}}, which the records of replayed events commit, and the replay's name
 * itself, which EventBridge refuses to reuse. Progress is followed with DescribeReplay and logged until the
 * replay ends.
 */
public final class ReplayStarter implements AutoCloseable {
    public static final String PARTITION_KEY = "replay";
    public static final String OFFSET_KEY = "started";
    private static final Logger log = LoggerFactory.getLogger(ReplayStarter.class);

    private final AwsClientFactory clients;
    private final EventBridgeAsyncClient eventBridge;
    private final ScheduledExecutorService follower;

    public ReplayStarter(AwsClientFactory clients, String endpoint) {
        this.clients = clients;
        this.eventBridge = clients.configure(EventBridgeAsyncClient.builder(), endpoint)
                .httpClient(clients.asyncHttpClient(4))
                .build();
        this.follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventbridge-replay-follower");
            t.setDaemon(true);
            return t;
        });
    }

    public static Map<String, String> partition(String replayName) {
        return Map.of(PARTITION_KEY, replayName);
    }

    /** Starts the replay unless the offsets or EventBridge say it was started already. */
    public void startOnce(ReplaySpec spec, String name, OffsetStorageReader offsets) {
        Map<String, Object> offset = offsets == null ? null : offsets.offset(partition(name));
        if (offset != null && offset.get(OFFSET_KEY) != null) {
            log.info("Replay {} was started before (its events are in Kafka); not starting it again", name);
            return;
        }
        try {
            String bus = eventBridge
                    .describeArchive(b -> b.archiveName(archiveName(spec.archiveArn())))
                    .join()
                    .eventSourceArn();
            ReplayDestination.Builder destination = ReplayDestination.builder().arn(bus);
            if (!spec.ruleArns().isEmpty()) {
                destination.filterArns(spec.ruleArns());
            }
            eventBridge
                    .startReplay(b -> b.replayName(name)
                            .eventSourceArn(spec.archiveArn())
                            .eventStartTime(spec.start())
                            .eventEndTime(spec.end())
                            .destination(destination.build()))
                    .join();
            log.info(
                    "Started replay {} of {} from {} to {} into {}",
                    name,
                    spec.archiveArn(),
                    spec.start(),
                    spec.end(),
                    bus);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ResourceAlreadyExistsException) {
                log.info("Replay {} exists already; not starting it again", name);
            } else {
                throw new ConnectException(
                        "Could not start replay " + name + " of " + spec.archiveArn() + ": "
                                + (e.getCause() == null ? e : e.getCause()).getMessage(),
                        e);
            }
        }
        follower.scheduleWithFixedDelay(() -> follow(name), 2, 5, TimeUnit.SECONDS);
    }

    private void follow(String name) {
        try {
            DescribeReplayResponse r =
                    eventBridge.describeReplay(b -> b.replayName(name)).join();
            log.info(
                    "Replay {}: {}{}",
                    name,
                    r.state(),
                    r.eventLastReplayedTime() == null ? "" : ", replayed up to " + r.eventLastReplayedTime());
            if (r.state() == ReplayState.COMPLETED
                    || r.state() == ReplayState.FAILED
                    || r.state() == ReplayState.CANCELLED) {
                if (r.state() != ReplayState.COMPLETED) {
                    log.warn("Replay {} ended {}: {}", name, r.state(), r.stateReason());
                }
                follower.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("DescribeReplay {} failed: {}", name, e.getMessage());
        }
    }

    static String archiveName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        follower.shutdownNow();
        eventBridge.close();
        clients.close();
    }
}
