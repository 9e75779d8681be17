package io.eventbridge.kafka.cloudevents.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.eventbridge.kafka.cloudevents.CloudEventSchema;
import io.eventbridge.kafka.cloudevents.data.ContentTypes;
import io.eventbridge.kafka.cloudevents.data.JsonDataCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The one place EventBridge events and CloudEvents meet.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>EventBridge</th><th>CloudEvent</th></tr>
 *   <tr><td>id</td><td>id</td></tr>
 *   <tr><td>source</td><td>source</td></tr>
 *   <tr><td>detail-type</td><td>type</td></tr>
 *   <tr><td>time</td><td>time</td></tr>
 *   <tr><td>detail</td><td>data, datacontenttype application/json</td></tr>
 *   <tr><td>account</td><td>extension {@value #ACCOUNT}</td></tr>
 *   <tr><td>region</td><td>extension {@value #REGION}</td></tr>
 *   <tr><td>resources</td><td>extension {@value #RESOURCES}: a JSON array of the ARNs</td></tr>
 *   <tr><td>replay-name</td><td>extension {@value #REPLAY_NAME}</td></tr>
 *   <tr><td>version</td><td>extension {@value #VERSION}, only when it is not "0"</td></tr>
 * </table>
 * Both directions keep every envelope field, so an event survives a round trip unchanged.
 */
public final class EventBridgeCloudEvents {
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String RESOURCES = "resources";
    public static final String REPLAY_NAME = "replayname";
    public static final String VERSION = "ebversion";
    public static final String SPEC_VERSION = "1.0";
    private static final String DEFAULT_VERSION = "0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBridgeCloudEvents() {}

    /** The CloudEvent Struct of an EventBridge event; data is the detail's JSON text. */
    public static Struct toCloudEvent(EventBridgeEvent event) {
        Map<String, String> extensions = new LinkedHashMap<>();
        put(extensions, ACCOUNT, event.account());
        put(extensions, REGION, event.region());
        ArrayNode resources = JSON.createArrayNode();
        event.resources().forEach(resources::add);
        extensions.put(RESOURCES, resources.toString());
        put(extensions, REPLAY_NAME, event.replayName());
        if (event.version() != null && !DEFAULT_VERSION.equals(event.version())) {
            extensions.put(VERSION, event.version());
        }
        return new Struct(CloudEventSchema.WITH_STRING_DATA)
                .put(CloudEventSchema.SPECVERSION, SPEC_VERSION)
                .put(CloudEventSchema.ID, event.id())
                .put(CloudEventSchema.SOURCE, event.source())
                .put(CloudEventSchema.TYPE, event.detailType())
                .put(CloudEventSchema.TIME, event.time())
                .put(CloudEventSchema.DATACONTENTTYPE, ContentTypes.JSON)
                .put(CloudEventSchema.EXTENSIONS, extensions)
                .put(CloudEventSchema.DATA, event.detail());
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * The EventBridge event of a CloudEvent Struct: the inverse of {@link #toCloudEvent}, and for any other
     * CloudEvent the attributes it has. The data must be JSON: a JSON string, or a typed value rendered as
     * JSON.
     *
     * @throws DataException when the data is not JSON or the resources extension is malformed
     */
    public static EventBridgeEvent fromCloudEvent(Struct event) {
        Map<String, String> extensions = event.getMap(CloudEventSchema.EXTENSIONS);
        Map<String, String> ext = extensions == null ? Map.of() : extensions;
        return new EventBridgeEvent(
                ext.getOrDefault(VERSION, DEFAULT_VERSION),
                event.getString(CloudEventSchema.ID),
                event.getString(CloudEventSchema.TYPE),
                event.getString(CloudEventSchema.SOURCE),
                ext.get(ACCOUNT),
                event.getString(CloudEventSchema.TIME),
                ext.get(REGION),
                resources(ext.get(RESOURCES), event.getString(CloudEventSchema.ID)),
                detail(event),
                ext.get(REPLAY_NAME));
    }

    /** The event's data as JSON text, for EventBridge's Detail. */
    public static String detail(Struct event) {
        Object data = event.get(CloudEventSchema.DATA);
        String contentType = event.getString(CloudEventSchema.DATACONTENTTYPE);
        if (data == null) {
            return "{}";
        }
        if (data instanceof String text) {
            if (contentType != null && !ContentTypes.isJson(contentType)) {
                throw new DataException("CloudEvent " + event.getString(CloudEventSchema.ID) + " has " + contentType
                        + " data; EventBridge Detail must be JSON");
            }
            return text;
        }
        if (data instanceof byte[] || data instanceof java.nio.ByteBuffer) {
            if (!ContentTypes.isJson(contentType)) {
                throw new DataException("CloudEvent " + event.getString(CloudEventSchema.ID) + " has binary data ("
                        + (contentType == null ? "no datacontenttype" : contentType)
                        + "); EventBridge Detail must be JSON");
            }
            byte[] bytes = data instanceof byte[] b
                    ? b
                    : io.eventbridge.kafka.cloudevents.data.ByteArrays.of((java.nio.ByteBuffer) data);
            return new String(bytes, ContentTypes.charset(contentType));
        }
        Schema dataSchema = event.schema().field(CloudEventSchema.DATA).schema();
        return new String(JsonDataCodec.toJson(dataSchema, data), StandardCharsets.UTF_8);
    }

    private static List<String> resources(String json, String id) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            JSON.readTree(json).forEach(n -> out.add(n.asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new DataException("CloudEvent " + id + " has a '" + RESOURCES + "' extension that is not a JSON "
                    + "array of ARNs: " + json);
        }
    }
}
