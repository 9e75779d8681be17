package io.eventbridge.kafka.cloudevents.attributes;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.eventbridge.kafka.cloudevents.config.CloudEventsConverterConfig;
import io.eventbridge.kafka.common.template.Template;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.errors.DataException;

/**
 * Where the attributes of a record that is not a CloudEvent yet come from: id, source, type, subject and
 * time templates, and extensions copied from headers.
 */
public final class AttributeSources {
    /** Extension names the spec allows: lower-case letters and digits. */
    private static final String EXTENSION_NAME = "[a-z0-9]+";

    private final Template<ConversionContext> id;
    private final Template<ConversionContext> source;
    private final Template<ConversionContext> type;
    private final Template<ConversionContext> subject;
    private final TimeSource time;
    private final List<ExtensionHeader> extensions;

    private record ExtensionHeader(String header, String extension) {}

    /** How the time attribute is set. */
    private interface TimeSource {
        OffsetDateTime time(ConversionContext context);
    }

    public AttributeSources(CloudEventsConverterConfig config) {
        this.id = parse(CloudEventsConverterConfig.ID_CONFIG, config.getString(CloudEventsConverterConfig.ID_CONFIG));
        this.source = parse(
                CloudEventsConverterConfig.SOURCE_CONFIG, config.getString(CloudEventsConverterConfig.SOURCE_CONFIG));
        this.type =
                parse(CloudEventsConverterConfig.TYPE_CONFIG, config.getString(CloudEventsConverterConfig.TYPE_CONFIG));
        String subjectText = config.getString(CloudEventsConverterConfig.SUBJECT_CONFIG);
        this.subject = subjectText == null || subjectText.isBlank()
                ? null
                : parse(CloudEventsConverterConfig.SUBJECT_CONFIG, subjectText);
        this.time = timeSource(config.getString(CloudEventsConverterConfig.TIME_CONFIG));
        this.extensions = extensionHeaders(config.getList(CloudEventsConverterConfig.EXTENSION_HEADERS_CONFIG));
    }

    private static Template<ConversionContext> parse(String key, String text) {
        try {
            return AttributeTemplates.parse(text);
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.config.ConfigException(key, text, e.getMessage());
        }
    }

    private static TimeSource timeSource(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equalsIgnoreCase("none") || trimmed.isEmpty()) {
            return c -> null;
        }
        if (trimmed.equalsIgnoreCase("now")) {
            return c -> OffsetDateTime.now(ZoneOffset.UTC);
        }
        Template<ConversionContext> template = parse(CloudEventsConverterConfig.TIME_CONFIG, trimmed);
        return c -> {
            String value = template.evaluate(c);
            return value == null ? null : parseTime(value, c.topic());
        };
    }

    /** An RFC 3339 timestamp, or epoch milliseconds. */
    static OffsetDateTime parseTime(String value, String topic) {
        String v = value.trim();
        try {
            if (v.matches("-?\\d{1,19}")) {
                return Instant.ofEpochMilli(Long.parseLong(v)).atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new DataException("The time of a record on topic " + topic + " is '" + v
                    + "', which is neither an RFC 3339 timestamp nor epoch milliseconds");
        }
    }

    static List<ExtensionHeader> extensionHeaders(List<String> entries) {
        List<ExtensionHeader> out = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String header = (eq < 0 ? entry : entry.substring(0, eq)).trim();
            String extension = (eq < 0 ? header.toLowerCase(Locale.ROOT) : entry.substring(eq + 1)).trim();
            if (!extension.matches(EXTENSION_NAME)) {
                throw new org.apache.kafka.common.config.ConfigException(
                        CloudEventsConverterConfig.EXTENSION_HEADERS_CONFIG,
                        entry,
                        "extension name '" + extension
                                + "' is not allowed: CloudEvents extension names are lower-case letters and digits only; "
                                + "write 'header=extension' to choose one");
            }
            out.add(new ExtensionHeader(header, extension));
        }
        return List.copyOf(out);
    }

    /** A v1 builder with the record's attributes set; the caller adds the data. */
    public CloudEventBuilder attributes(ConversionContext context) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(required("id", id, context))
                .withSource(uri(required("source", source, context), context.topic()))
                .withType(required("type", type, context));
        if (subject != null) {
            String value = subject.evaluate(context);
            if (value != null) {
                builder.withSubject(value);
            }
        }
        OffsetDateTime t = time.time(context);
        if (t != null) {
            builder.withTime(t);
        }
        for (ExtensionHeader e : extensions) {
            String value = context.header(e.header());
            if (value != null) {
                builder.withExtension(e.extension(), value);
            }
        }
        return builder;
    }

    private static String required(String attribute, Template<ConversionContext> template, ConversionContext c) {
        String value = template.evaluate(c);
        if (value == null || value.isEmpty()) {
            throw new DataException("The CloudEvent attribute '" + attribute + "' of a record on topic " + c.topic()
                    + " is empty: template '" + template + "' has no value for it (missing header or field?)");
        }
        return value;
    }

    static URI uri(String value, String topic) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new DataException("The CloudEvent source '" + value + "' of a record on topic " + topic
                    + " is not a URI reference: " + e.getReason());
        }
    }
}
