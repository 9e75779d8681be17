package io.eventbridge.kafka.it.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The AWS side of a scenario, through the real SDK against the environment's endpoint. */
final class Aws implements AutoCloseable {
    private final EventBridgeClient events;
    private final SqsClient sqs;

    Aws(TestEnvironment env) {
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(env.accessKey(), env.secretKey()));
        this.events = EventBridgeClient.builder()
                .endpointOverride(env.awsEndpoint("events"))
                .region(Region.of(env.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(env.awsEndpoint("sqs"))
                .region(Region.of(env.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a bus; returns its ARN. */
    String createBus(String name) {
        return events.createEventBus(b -> b.name(name)).eventBusArn();
    }

    /**
     * A rule on {@code bus} whose matching events go to {@code queueUrl}, with the queue policy that lets the rule
     * send (aws:SourceArn), as AWS needs for an SQS target.
     */
    void ruleToQueue(String bus, String rule, String pattern, String queueUrl) {
        String ruleArn = events.putRule(b -> b.name(rule).eventBusName(bus).eventPattern(pattern))
                .ruleArn();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + arn + "\",\"Condition\":"
                + "{\"ArnEquals\":{\"aws:SourceArn\":\"" + ruleArn + "\"}}}]}";
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        events.putTargets(
                b -> b.rule(rule).eventBusName(bus).targets(t -> t.id("queue").arn(arn)));
    }

    String createQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    void send(String queueUrl, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(bodies.get(i))
                        .build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /** Messages in the queue, visible or received and not deleted. */
    int messagesLeft(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        events.close();
        sqs.close();
    }
}
