package io.eventbridge.kafka.source.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:q";

    @Test
    void allowsOnlyEventBridgeOnlyForTheConnectorsRules() throws Exception {
        String doc = QueuePolicy.document("orders", QUEUE, List.of("arn:r2", "arn:r1"));
        JsonNode s = new ObjectMapper().readTree(doc).path("Statement");
        assertThat(s).hasSize(1);
        assertThat(s.get(0).path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(s.get(0).path("Resource").asText()).isEqualTo(QUEUE);
        assertThat(s.get(0)
                        .path("Condition")
                        .path("ArnEquals")
                        .path("aws:SourceArn")
                        .toString())
                .isEqualTo("[\"arn:r1\",\"arn:r2\"]");
        assertThat(QueuePolicy.same(doc, QueuePolicy.document("orders", QUEUE, List.of("arn:r1", "arn:r2"))))
                .as("the order of the rules does not make a new policy")
                .isTrue();
        assertThat(QueuePolicy.same(doc, QueuePolicy.document("orders", QUEUE, List.of("arn:r1"))))
                .isFalse();
        assertThat(QueuePolicy.problems(doc)).isEmpty();
    }

    @Test
    void namesWhatIsWrongWithAPolicyBuiltElsewhere() {
        assertThat(QueuePolicy.problems(null)).singleElement().asString().contains("no policy");
        String open = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
        assertThat(QueuePolicy.problems(open)).singleElement().asString().contains("without an aws:SourceArn");
        String other = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::1:root\"},"
                + "\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}";
        assertThat(QueuePolicy.problems(other)).singleElement().asString().contains("does not allow");
    }
}
