package io.eventbridge.kafka.it.local;

/** An HTTP answer of the local AWS endpoint; {@code errorType} goes to {@code x-amzn-ErrorType} (REST JSON errors). */
record AwsResponse(int status, String contentType, byte[] body, String errorType) {
    AwsResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, null);
    }

    static AwsResponse json(int status, String json) {
        return new AwsResponse(
                status, "application/x-amz-json-1.1", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static AwsResponse error(int status, String type, String message) {
        return json(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status, "text/xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
