package io.eventbridge.kafka.it.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Limit and NextToken paging of the local EventBridge's List operations (pages of at most 100, as AWS). */
final class Paging {
    private Paging() {}

    /** Writes the page the request asks for into {@code out.field}, and NextToken while more follow. */
    static <T> void page(JsonNode request, List<T> all, ObjectNode out, String field, Function<T, ObjectNode> render) {
        int limit = Math.max(1, Math.min(100, request.path("Limit").asInt(100)));
        int from = 0;
        if (request.hasNonNull("NextToken")) {
            try {
                from = Integer.parseInt(request.get("NextToken").asText());
            } catch (NumberFormatException e) {
                from = all.size();
            }
        }
        ArrayNode list = out.putArray(field);
        int to = Math.min(all.size(), from + limit);
        for (int i = from; i < to; i++) {
            list.add(render.apply(all.get(i)));
        }
        if (to < all.size()) {
            out.put("NextToken", Integer.toString(to));
        }
    }
}
