package io.eventbridge.kafka.cloudevents.binding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed URI references (source, dataschema), cached: a connector sees few distinct sources, and parsing
 * a URI costs more than the rest of an attribute's way through the converter.
 */
public final class UriReferences {
    private static final int LIMIT = 4096;
    private static final Map<String, URI> CACHE = new ConcurrentHashMap<>();

    private UriReferences() {}

    /** @throws URISyntaxException when the text is not a URI reference */
    public static URI parse(String text) throws URISyntaxException {
        URI uri = CACHE.get(text);
        if (uri == null) {
            uri = new URI(text);
            if (CACHE.size() < LIMIT) {
                CACHE.put(text, uri);
            }
        }
        return uri;
    }
}
