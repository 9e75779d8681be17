package io.eventbridge.kafka.source.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** A configured replay: which archive, which time range, to which rules. */
public record ReplaySpec(String archiveArn, Instant start, Instant end, List<String> ruleArns) {
    private static final int MAX_NAME = 64;

    /**
     * The replay's name: the same for the same configuration, so a restart, another worker, or a second call
     * finds the replay that already exists instead of starting another (EventBridge answers
     * ResourceAlreadyExistsException for a name in use).
     */
    public String name(String connectorName) {
        String digest;
        try {
            digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((archiveArn + "|" + start + "|" + end + "|" + String.join(",", ruleArns))
                                    .getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String prefix = "kc-" + connectorName.replaceAll("[^A-Za-z0-9_.-]", "-");
        int room = MAX_NAME - digest.length() - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "-" + digest;
    }
}
