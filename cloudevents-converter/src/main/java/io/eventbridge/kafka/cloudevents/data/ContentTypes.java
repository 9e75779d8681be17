package io.eventbridge.kafka.cloudevents.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Media type rules the converter needs: what counts as JSON, text, and which charset text uses. */
public final class ContentTypes {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String OCTET_STREAM = "application/octet-stream";

    private ContentTypes() {}

    /** The media type without parameters, lower case; null for null. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** application/json, text/json, or any {@code +json} suffix type. */
    public static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type != null && (type.equals(JSON) || type.equals("text/json") || type.endsWith("+json"));
    }

    public static boolean isText(String contentType) {
        String type = mediaType(contentType);
        return type != null && type.startsWith("text/");
    }

    /** The charset parameter of a text type; UTF-8 when there is none or it is unknown. */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
