package io.eventbridge.kafka.sink.mapping;

import io.eventbridge.kafka.common.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses an event's DetailType. In order: event.detail.type (a template or JSON path); the AWS
 * sink's JsonPathDetailTypeMapper (a JSON path, falling back to the topic name as that mapper
 * does); the AWS sink's aws.eventbridge.detail.types, either one template for every topic or a
 * topic:type list, where unlisted topics get kafka-connect-${topic}.
 */
public final class DetailTypeMapper {
    private static final String AWS_DEFAULT = "kafka-connect-${topic}";

    private final Expression expression;
    private final boolean fallBackToTopic;
    private final Map<String, String> perTopic;
    private final Expression otherTopics;

    private DetailTypeMapper(
            Expression expression, boolean fallBackToTopic, Map<String, String> perTopic, Expression otherTopics) {
        this.expression = expression;
        this.fallBackToTopic = fallBackToTopic;
        this.perTopic = perTopic;
        this.otherTopics = otherTopics;
    }

    public static DetailTypeMapper fromExpression(String text, Map<String, String> constants) {
        return new DetailTypeMapper(Expression.parse(text, constants), false, Map.of(), null);
    }

    /** The AWS sink's JsonPathDetailTypeMapper: the path's string value, else the topic name. */
    public static DetailTypeMapper awsJsonPath(String path) {
        return new DetailTypeMapper(Expression.parse(JsonPath.parse(path).toString(), Map.of()), true, Map.of(), null);
    }

    /** The AWS sink's aws.eventbridge.detail.types. */
    public static DetailTypeMapper awsDetailTypes(String value, Map<String, String> constants) {
        String v = value == null || value.isBlank() ? AWS_DEFAULT : value.trim();
        if (!isTopicList(v)) {
            return fromExpression(v, constants);
        }
        Map<String, String> perTopic = new HashMap<>();
        for (String pair : v.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalArgumentException("Detail type mapping '" + p + "' is not topic:DetailType");
            }
            perTopic.put(p.substring(0, colon).trim(), p.substring(colon + 1).trim());
        }
        return new DetailTypeMapper(null, false, Map.copyOf(perTopic), Expression.parse(AWS_DEFAULT, constants));
    }

    /** A topic:type list has a colon outside of any ${...} placeholder. */
    static boolean isTopicList(String value) {
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** The DetailType for the record, or null when it cannot be computed. */
    public String detailType(RecordView record) {
        if (expression != null) {
            String value = expression.evaluate(record);
            if ((value == null || value.isEmpty()) && fallBackToTopic) {
                return record.record().topic();
            }
            return value;
        }
        String mapped = perTopic.get(record.record().topic());
        return mapped != null ? mapped : otherTopics.evaluate(record);
    }
}
