package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.config.EnumValues;
import io.eventbridge.kafka.common.config.Validators;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Sending only the events some rule wants: an EventBridge event pattern evaluated before PutEvents. */
public final class FilterConfig {
    public static final String GROUP = "Event filter";

    public static final String MODE_CONFIG = "event.filter";
    public static final String MODE_DOC = "pattern: event.filter.pattern alone decides (no pattern: every event is "
            + "sent). bus-rules: also send only events that at least one enabled rule (of any creator account) or archive "
            + "of the bus would match, as read on start and every event.filter.refresh.ms. It sends everything, with a "
            + "WARN and event-filter-fail-open=1, while it cannot be sure: an archive without a pattern, a started schema "
            + "discoverer on the bus, a pattern it cannot parse, rules it cannot read, or more than "
            + "event.filter.max.rules rules. Needs events:ListRules, events:ListArchives, events:DescribeArchive and "
            + "schemas:ListDiscoverers.";
    public static final String MODE_DEFAULT = "pattern";
    public static final String MODE_DISPLAY = "Filter by";

    public static final String REFRESH_MS_CONFIG = "event.filter.refresh.ms";
    public static final String REFRESH_MS_DOC = "How often event.filter=bus-rules reads the bus's rules and archives "
            + "again. A rule created in between gets matching events only from the next reading on.";
    public static final long REFRESH_MS_DEFAULT = 60_000L;
    public static final String REFRESH_MS_DISPLAY = "Bus rules refresh (ms)";

    public static final String MAX_RULES_CONFIG = "event.filter.max.rules";
    public static final String MAX_RULES_DOC = "Above this many enabled rules on the bus, event.filter=bus-rules "
            + "sends every event (matching costs grow with the rules; 300 is the default rules-per-bus quota).";
    public static final int MAX_RULES_DEFAULT = 300;
    public static final String MAX_RULES_DISPLAY = "Most bus rules to filter by";

    public static final String AUDIT_TOPIC_CONFIG = "event.filter.audit.topic";
    public static final String AUDIT_TOPIC_DOC = "A Kafka topic that gets every event the filter does not send, as "
            + "JSON in the shape rules see, keyed <topic>-<partition>@<offset> with headers eventbridge.audit.topic, "
            + ".partition and .offset. A filtered record's offset commits once its copy is acknowledged. Empty: none.";
    public static final String AUDIT_TOPIC_DISPLAY = "Audit topic for filtered events";

    public static final String AUDIT_BOOTSTRAP_CONFIG = "event.filter.audit.bootstrap.servers";
    public static final String AUDIT_BOOTSTRAP_DOC = "Brokers of the audit topic's cluster (a sink task has no "
            + "producer of its own). Other producer settings, such as security.protocol or sasl.jaas.config, go in "
            + "event.filter.audit.producer.*.";
    public static final String AUDIT_BOOTSTRAP_DISPLAY = "Audit bootstrap servers";
    /** Keys under this prefix go to the audit producer as they are. */
    public static final String AUDIT_PRODUCER_PREFIX = "event.filter.audit.producer.";

    public static final String PATTERN_CONFIG = "event.filter.pattern";
    public static final String PATTERN_DOC = "An EventBridge event pattern, matched with AWS event-ruler against each "
            + "event as EventBridge will see it (source, detail-type, detail, resources, account, region, and time where "
            + "the entry sets it). An event it does not match is not sent, and so not billed: its offset commits, and it "
            + "counts in events-filtered. Empty: every event is sent.";
    public static final String PATTERN_DISPLAY = "Send only events matching";

    public static final String ACCOUNT_CONFIG = "event.filter.account";
    public static final String ACCOUNT_DOC = "The account a pattern's 'account' field is matched against: the account "
            + "that sends (EventBridge puts the sender's account in the event). Empty: the account of "
            + "aws.eventbridge.eventbus.arn.";
    public static final String ACCOUNT_DISPLAY = "Sending account";

    private static final ConfigDef.Validator ACCOUNT_ID =
            Validators.matching("\\d{12}", true, "an AWS account id has 12 digits", "a 12-digit account id");

    private FilterConfig() {}

    public static ConfigDef addTo(ConfigDef def) {
        EnumValues<FilterMode> modes = EnumValues.of(FilterMode.class);
        new ConfigGroup(def, GROUP)
                .key(MODE_CONFIG, Type.STRING)
                .defaultValue(MODE_DEFAULT)
                .validator(modes)
                .recommender(modes)
                .importance(Importance.MEDIUM)
                .doc(MODE_DOC)
                .display(MODE_DISPLAY)
                .dependents(REFRESH_MS_CONFIG, MAX_RULES_CONFIG)
                .define()
                .key(PATTERN_CONFIG, Type.STRING)
                .defaultValue(null)
                .validator(EventPatterns.validator())
                .importance(Importance.MEDIUM)
                .doc(PATTERN_DOC)
                .display(PATTERN_DISPLAY)
                .width(Width.LONG)
                .dependents(ACCOUNT_CONFIG)
                .define()
                .key(ACCOUNT_CONFIG, Type.STRING)
                .defaultValue(null)
                .validator(ACCOUNT_ID)
                .importance(Importance.LOW)
                .doc(ACCOUNT_DOC)
                .display(ACCOUNT_DISPLAY)
                .define()
                .key(REFRESH_MS_CONFIG, Type.LONG)
                .defaultValue(REFRESH_MS_DEFAULT)
                .validator(Range.atLeast(1_000))
                .importance(Importance.LOW)
                .doc(REFRESH_MS_DOC)
                .display(REFRESH_MS_DISPLAY)
                .define()
                .key(MAX_RULES_CONFIG, Type.INT)
                .defaultValue(MAX_RULES_DEFAULT)
                .validator(Range.atLeast(1))
                .importance(Importance.LOW)
                .doc(MAX_RULES_DOC)
                .display(MAX_RULES_DISPLAY)
                .define()
                .key(AUDIT_TOPIC_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(AUDIT_TOPIC_DOC)
                .display(AUDIT_TOPIC_DISPLAY)
                .dependents(AUDIT_BOOTSTRAP_CONFIG)
                .define()
                .key(AUDIT_BOOTSTRAP_CONFIG, Type.STRING)
                .defaultValue(null)
                .importance(Importance.LOW)
                .doc(AUDIT_BOOTSTRAP_DOC)
                .display(AUDIT_BOOTSTRAP_DISPLAY)
                .width(Width.LONG)
                .define();
        return def;
    }
}
