package io.eventbridge.kafka.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbridge.kafka.sink.EventBridgeSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class SinkConnectorValidateTest {
    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("name", "s");
        p.put("connector.class", EventBridgeSinkConnector.class.getName());
        p.put("topics", "orders");
        p.put("aws.eventbridge.connector.id", "orders");
        p.put("aws.eventbridge.eventbus.arn", "arn:aws:events:us-east-1:123456789012:event-bus/orders");
        p.put("aws.eventbridge.region", "us-east-1");
        return p;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : new EventBridgeSinkConnector().validate(props).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> p = valid();
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void acceptsAValidConfig() {
        assertThat(errors(valid())).isEmpty();
    }

    @Test
    void rejectsAMalformedBusArnOnTheArnField() {
        assertThat(errors(with("aws.eventbridge.eventbus.arn", "arn:aws:sqs:us-east-1:123456789012:orders")))
                .containsOnlyKeys("aws.eventbridge.eventbus.arn");
    }

    @Test
    void rejectsAnUnknownRegion() {
        Map<String, List<String>> errors = errors(with(
                "aws.eventbridge.region",
                "us-middle-7",
                "aws.eventbridge.eventbus.arn",
                "arn:aws:events:us-middle-7:123456789012:event-bus/orders"));
        assertThat(errors.get("aws.eventbridge.region")).anyMatch(m -> m.contains("Unknown AWS region 'us-middle-7'"));
    }

    @Test
    void rejectsABusInAnotherRegionThanTheClient() {
        assertThat(errors(with("aws.eventbridge.region", "eu-west-1")).get("aws.eventbridge.eventbus.arn"))
                .anyMatch(m -> m.contains("region us-east-1"));
    }

    @Test
    void rejectsBadTemplatesAndJsonPathsOnTheirOwnField() {
        assertThat(errors(with("event.source", "app.${tpoic}"))).containsOnlyKeys("event.source");
        assertThat(errors(with("event.detail.type", "$.a[*]"))).containsOnlyKeys("event.detail.type");
        assertThat(errors(with("event.time", "field", "event.time.field", "nope")))
                .containsOnlyKeys("event.time.field");
        assertThat(errors(with("event.time", "field"))).containsOnlyKeys("event.time.field");
    }

    @Test
    void rejectsConflictingKeys() {
        assertThat(errors(with("aws.eventbridge.iam.external.id", "x")))
                .containsOnlyKeys("aws.eventbridge.iam.external.id");
        assertThat(errors(with(
                        "aws.eventbridge.iam.profile.name",
                        "p",
                        "aws.eventbridge.access.key.id",
                        "AKID",
                        "aws.eventbridge.secret.access.key",
                        "s")))
                .containsOnlyKeys("aws.eventbridge.iam.profile.name", "aws.eventbridge.access.key.id");
        assertThat(errors(
                        with("aws.eventbridge.offloading.default.s3.bucket", "b", "offload.threshold.bytes", "300000")))
                .containsOnlyKeys("offload.threshold.bytes");
        assertThat(errors(with(
                        "aws.eventbridge.offloading.default.s3.bucket",
                        "b",
                        "aws.eventbridge.offloading.default.fieldref",
                        "$.value")))
                .containsOnlyKeys("aws.eventbridge.offloading.default.fieldref");
    }

    @Test
    void rejectsAwsSinkMapperClassesItCannotLoadButAcceptsTheJsonPathMapper() {
        assertThat(errors(with("aws.eventbridge.detail.types.mapper.class", "com.example.MyMapper")))
                .containsOnlyKeys("aws.eventbridge.detail.types.mapper.class");
        assertThat(errors(with(
                        "aws.eventbridge.detail.types.mapper.class",
                        "software.amazon.event.kafkaconnector.mapping.JsonPathDetailTypeMapper",
                        "aws.eventbridge.detail.types.jsonpathmapper.fieldref",
                        "$.metadata.event-type")))
                .isEmpty();
        assertThat(errors(with("aws.eventbridge.time.mapper.class", "com.example.T")))
                .containsOnlyKeys("aws.eventbridge.time.mapper.class");
    }

    @Test
    void acceptsAGlobalEndpointWithABusInAnotherRegion() {
        assertThat(errors(with(
                        "aws.eventbridge.eventbus.global.endpoint.id",
                        "abcde.veo",
                        "aws.eventbridge.region",
                        "eu-west-1")))
                .isEmpty();
    }

    @Test
    void rejectsOutOfRangeBatchBytesAndEnumValues() {
        assertThat(errors(with("batch.max.bytes", "2000000"))).containsOnlyKeys("batch.max.bytes");
        assertThat(errors(with("event.detail.mode", "full"))).containsOnlyKeys("event.detail.mode");
    }

    @Test
    void anAuditTopicNeedsAFilterAndItsBrokers() {
        assertThat(errors(with("event.filter.audit.topic", "not-sent")))
                .containsOnlyKeys("event.filter.audit.topic", "event.filter.audit.bootstrap.servers");
        assertThat(errors(with(
                        "event.filter.audit.topic",
                        "not-sent",
                        "event.filter",
                        "bus-rules",
                        "event.filter.audit.bootstrap.servers",
                        "b:9092")))
                .isEmpty();
    }

    @Test
    void aShareOfTheQuotaNeedsTheQuota() {
        assertThat(errors(with("quota.connector.share.percent", "50")))
                .containsOnlyKeys("quota.account.requests.per.second");
        assertThat(errors(with("quota.connector.share.percent", "50", "quota.account.requests.per.second", "10000")))
                .isEmpty();
    }

    @Test
    void unknownWindowAndFilterModesAreRefusedWithTheirValues() {
        assertThat(errors(with("in.flight.window", "elastic", "event.filter", "everything")))
                .containsOnlyKeys("in.flight.window", "event.filter");
    }
}
