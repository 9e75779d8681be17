package io.eventbridge.kafka.sink.config;

import io.eventbridge.kafka.common.config.ConfigGroup;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Sending only the events some rule wants: an EventBridge event pattern evaluated before PutEvents. */
public final class FilterConfig {
    public static final String GROUP = "Event filter";

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

    private static final ConfigDef.Validator ACCOUNT_ID = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !value.toString().isBlank() && !value.toString().trim().matches("\\d{12}")) {
                throw new ConfigException(name, value, "an AWS account id has 12 digits");
            }
        }

        @Override
        public String toString() {
            return "a 12-digit account id";
        }
    };

    private FilterConfig() {
    }

    public static ConfigDef addTo(ConfigDef def) {
        new ConfigGroup(def, GROUP)
            .key(PATTERN_CONFIG, Type.STRING).defaultValue(null).validator(EventPatterns.validator())
            .importance(Importance.MEDIUM).doc(PATTERN_DOC).display(PATTERN_DISPLAY).width(Width.LONG)
            .dependents(ACCOUNT_CONFIG).define()
            .key(ACCOUNT_CONFIG, Type.STRING).defaultValue(null).validator(ACCOUNT_ID)
            .importance(Importance.LOW).doc(ACCOUNT_DOC).display(ACCOUNT_DISPLAY).define();
        return def;
    }
}
