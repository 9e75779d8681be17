package io.eventbridge.kafka.cloudevents.binding;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventWriter;
import io.cloudevents.rw.CloudEventWriterFactory;
import io.eventbridge.kafka.cloudevents.config.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.errors.DataException;

/**
 * The CloudEvents Kafka protocol binding, done by the CloudEvents SDK's own serializer and message
 * readers; this class picks the mode, checks what the SDK would report vaguely, and puts the topic into
 * every error.
 */
public final class KafkaBinding {
    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String SPECVERSION_HEADER = "ce_specversion";
    /** The structured mode content type, with the charset the binding recommends stating. */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";

    private static final EventFormat JSON_FORMAT = new JsonFormat();

    static {
        // The SDK finds formats through ServiceLoader on the thread's context class loader, which in a
        // Connect worker may be another plugin's; registering it here makes structured mode work anyway.
        EventFormatProvider.getInstance().registerFormat(JSON_FORMAT);
    }

    private final Encoding encoding;
    private final CloudEventSerializer serializer = new CloudEventSerializer();

    public KafkaBinding(Encoding encoding) {
        this.encoding = encoding;
        serializer.configure(
                Map.of(
                        CloudEventSerializer.ENCODING_CONFIG,
                        encoding == Encoding.STRUCTURED ? "STRUCTURED" : "BINARY",
                        CloudEventSerializer.EVENT_FORMAT_CONFIG,
                        JsonFormat.CONTENT_TYPE),
                false);
    }

    public Encoding encoding() {
        return encoding;
    }

    /** Writes the event's headers into {@code headers} and returns the record value. */
    public byte[] write(String topic, Headers headers, CloudEvent event) {
        try {
            byte[] value = serializer.serialize(topic, headers, event);
            if (encoding == Encoding.STRUCTURED) {
                headers.remove(CONTENT_TYPE_HEADER);
                headers.add(CONTENT_TYPE_HEADER, STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            }
            return value;
        } catch (RuntimeException e) {
            throw new DataException(
                    "Could not write CloudEvent " + event.getId() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the CloudEvent of a record with the SDK's message reader for its mode, into {@code writers}.
     *
     * @return null for a record without a value that carries no CloudEvent headers (a plain tombstone)
     * @throws DataException saying why the record is not a valid CloudEvent
     */
    public <R> R read(
            String topic,
            Headers headers,
            byte[] value,
            CloudEventWriterFactory<? extends CloudEventWriter<R>, R> writers) {
        String contentType = header(headers, CONTENT_TYPE_HEADER);
        boolean structured =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
        String specVersion = header(headers, SPECVERSION_HEADER);
        if (!structured && specVersion == null) {
            if (value == null) {
                return null;
            }
            throw new DataException("The record on topic " + topic + " is not a CloudEvent: it has no "
                    + SPECVERSION_HEADER + " header (binary mode) and its content-type is "
                    + (contentType == null ? "not set" : "'" + contentType + "'")
                    + " rather than application/cloudevents+json (structured mode)");
        }
        if (structured) {
            if (value == null) {
                return null;
            }
            if (!JsonFormat.CONTENT_TYPE.equals(mediaType(contentType))) {
                throw new DataException("The record on topic " + topic + " has content-type '" + contentType
                        + "'; only the JSON event format (application/cloudevents+json) is supported");
            }
        } else if (!specVersion.equals("1.0") && !specVersion.equals("0.3")) {
            throw new DataException("The CloudEvent on topic " + topic + " has specversion '" + specVersion
                    + "'; supported are 1.0 and 0.3");
        }
        try {
            MessageReader reader = KafkaMessageFactory.createReader(headers, value);
            // a structured message is parsed by its event format first; a binary one is visited header by header
            return structured ? CloudEventUtils.toReader(reader.toEvent()).read(writers) : reader.read(writers);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(
                    "The " + (structured ? "structured" : "binary") + " CloudEvent on topic " + topic + " is invalid: "
                            + describe(e),
                    e);
        }
    }

    /** The most telling message in a chain: the SDK wraps the cause that names the bad attribute. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && out.indexOf(t.getMessage()) < 0) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(t.getMessage());
            }
        }
        return out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
