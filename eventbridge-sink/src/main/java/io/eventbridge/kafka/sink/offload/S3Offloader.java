package io.eventbridge.kafka.sink.offload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbridge.kafka.common.aws.AwsClientFactory;
import io.eventbridge.kafka.common.json.JsonPath;
import io.eventbridge.kafka.sink.delivery.PendingEntry;
import io.eventbridge.kafka.sink.mapping.EventMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Claim check in S3, compatible with the AWS sink: the part of the event at the configured path
 * (default {@code $.detail.value}) is stored as a JSON object named by a random UUID, removed from
 * the Detail, and replaced by {@code "dataref": "arn:aws:s3:::<bucket>/<key>"} and
 * {@code "datarefJsonPath": "<path>"} at the Detail's top level. A path that is missing or null
 * leaves the event as it was.
 */
public final class S3Offloader implements Offloader {
    private final S3AsyncClient s3;
    private final String bucket;
    private final String fieldRef;
    private final JsonPath pathInDetail;

    public S3Offloader(AwsClientFactory factory, String bucket, String fieldRef, String endpoint) {
        this.s3 = factory.configure(S3AsyncClient.builder(), endpoint)
                .forcePathStyle(endpoint != null)
                .httpClient(factory.asyncHttpClient(8))
                .build();
        this.bucket = bucket;
        this.fieldRef = fieldRef;
        this.pathInDetail = detailPath(fieldRef);
    }

    /** The fieldref ($.detail...) as a path into the Detail itself. */
    public static JsonPath detailPath(String fieldRef) {
        JsonPath path = JsonPath.parse(fieldRef);
        List<Object> steps = path.steps();
        if (steps.size() < 2 || !"detail".equals(steps.get(0))) {
            throw new IllegalArgumentException(
                    "Offload path '" + fieldRef + "' must point inside the Detail: " + "$.detail.<field>...");
        }
        return JsonPath.parse("$" + fieldRef.trim().substring("$.detail".length()));
    }

    @Override
    public CompletableFuture<Void> offload(PendingEntry entry) {
        ObjectNode detail = entry.detailToOffload().deepCopy();
        JsonNode part = pathInDetail.read(detail);
        if (part == null || part.isNull()) {
            return CompletableFuture.completedFuture(null);
        }
        String key = UUID.randomUUID().toString();
        byte[] body = EventMapper.write(part).getBytes(StandardCharsets.UTF_8);
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType("application/json")
                .build();
        return s3.putObject(request, AsyncRequestBody.fromBytes(body)).thenAccept(response -> {
            pathInDetail.remove(detail);
            detail.put("dataref", "arn:aws:s3:::" + bucket + "/" + key);
            detail.put("datarefJsonPath", fieldRef);
            entry.setEntry(
                    entry.entry().toBuilder().detail(EventMapper.write(detail)).build());
        });
    }

    @Override
    public void close() {
        s3.close();
    }
}
