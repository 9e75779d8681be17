package io.eventbridge.kafka.source.route;

import io.eventbridge.kafka.cloudevents.eventbridge.EventBridgeEvent;
import io.eventbridge.kafka.common.pattern.EventPatterns;
import io.eventbridge.kafka.common.template.Template;
import io.eventbridge.kafka.source.config.EventBridgeSourceConfig.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The topic of an event: the first routing rule whose EventBridge event pattern matches (AWS event-ruler,
 * EventBridge's own matcher), else the default topic template. Templates know {@code ${source}},
 * {@code ${detail-type}}, {@code ${account}} and {@code ${region}}; characters Kafka does not allow in
 * topic names become {@code _}.
 */
public final class TopicRouter {
    private static final int MAX_TOPIC_LENGTH = 249;

    private final EventPatterns<Integer> machine;
    private final List<Template<EventBridgeEvent>> routeTopics = new ArrayList<>();
    private final Template<EventBridgeEvent> defaultTopic;
    private final java.util.Map<String, String> sanitized = new java.util.concurrent.ConcurrentHashMap<>();

    /** @throws IllegalArgumentException naming the rule whose pattern or template is wrong */
    public TopicRouter(String defaultTopic, List<Route> routes) {
        this.defaultTopic = template(defaultTopic, "topic");
        this.machine = routes.isEmpty() ? null : new EventPatterns<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (route.pattern() == null || route.topic() == null) {
                throw new IllegalArgumentException("Route '" + route.name() + "' needs route." + route.name()
                        + ".pattern and route." + route.name() + ".topic");
            }
            try {
                machine.add(i, route.pattern());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Route '" + route.name() + "' has an invalid event pattern: " + e.getMessage(), e);
            }
            routeTopics.add(template(route.topic(), "route." + route.name() + ".topic"));
        }
    }

    private static Template<EventBridgeEvent> template(String text, String key) {
        try {
            return Template.parse(text, TopicRouter::placeholder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Function<EventBridgeEvent, String> placeholder(String name) {
        return switch (name) {
            case "source" -> EventBridgeEvent::source;
            case "detail-type" -> EventBridgeEvent::detailType;
            case "account" -> EventBridgeEvent::account;
            case "region" -> EventBridgeEvent::region;
            default ->
                throw new IllegalArgumentException(
                        "unknown placeholder ${" + name + "}; known: ${source}, ${detail-type}, ${account}, ${region}");
        };
    }

    /**
     * @param envelope the event as EventBridge delivers it, which rule patterns are matched against
     * @return a legal topic name
     */
    public String topic(EventBridgeEvent event, com.fasterxml.jackson.databind.JsonNode envelope) {
        Template<EventBridgeEvent> chosen = defaultTopic;
        if (machine != null) {
            List<Integer> matches = machine.matches(envelope);
            int first = Integer.MAX_VALUE;
            for (Integer m : matches) {
                first = Math.min(first, m);
            }
            if (first != Integer.MAX_VALUE) {
                chosen = routeTopics.get(first);
            }
        }
        String raw = chosen.evaluate(event);
        return sanitize(raw == null ? "unknown" : raw);
    }

    /** A legal Kafka topic name: [a-zA-Z0-9._-], at most 249 characters, not "." or "..". */
    public String sanitize(String raw) {
        String cached = sanitized.get(raw);
        if (cached != null) {
            return cached;
        }
        String topic = clean(raw);
        if (sanitized.size() < 10_000) {
            sanitized.put(raw, topic);
        }
        return topic;
    }

    static String clean(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_TOPIC_LENGTH));
        for (int i = 0; i < raw.length() && out.length() < MAX_TOPIC_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean legal = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '.'
                    || c == '_'
                    || c == '-';
            out.append(legal ? c : '_');
        }
        String topic = out.toString();
        return topic.isEmpty() || topic.equals(".") || topic.equals("..") ? "_" + topic : topic;
    }
}
