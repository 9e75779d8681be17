package io.eventbridge.kafka.it.process;

import io.eventbridge.kafka.it.LocalStack;
import io.eventbridge.kafka.it.SourceBenchmark;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServerConnection;

/**
 * The source on a freshly started worker ({@link Efficiency}; scripts/source-efficiency.sh): a queue pre-filled with
 * EventBridge events of about 1 KB, the connector with its defaults, {@code value.mode=detail} and schemaless JSON as
 * config/eventbridge-source.properties writes it, timed by the tasks' {@code records-written-total}. The SQS server
 * (ElasticMQ) is warmed by a plain receive-and-delete loop.
 */
public final class SourceEfficiency implements Efficiency.Subject {
    private static final String GROUP = "eventbridge-source-task-metrics";

    public static void main(String[] args) throws Exception {
        Efficiency.main(new SourceEfficiency(), args);
    }

    @Override
    public String server() {
        return "sqs";
    }

    @Override
    public String metricGroup() {
        return GROUP;
    }

    @Override
    public String doneAttribute() {
        return "records-written-total";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public void warmServer(ProcessCluster cluster, int records) throws Exception {
        String queue = cluster.sqs().createQueue("efficiency-warm-up");
        SourceBenchmark.fill(cluster.sqs(), queue, records);
        long start = System.nanoTime();
        int done = 0;
        while (done < records && System.nanoTime() - start < 600e9) {
            done += SourceBenchmark.receiveAndDelete(cluster.sqs().directClient(), queue);
        }
    }

    @Override
    public Map<String, String> prepare(ProcessCluster cluster, String name, int records) throws Exception {
        String queue = cluster.sqs().createQueue(name);
        SourceBenchmark.fill(cluster.sqs(), queue, records);
        cluster.kafka().createTopic(name, 4);
        Map<String, String> config = LocalStack.sourceConfig(
                LocalStack.localClientKeys("aws.sqs.", cluster.sqs().directEndpoint()), name, queue);
        config.put("value.mode", "detail");
        // as config/eventbridge-source.properties writes schemaless JSON
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    @Override
    public String summary(MBeanServerConnection server, String connector) throws Exception {
        return String.format(
                Locale.ROOT,
                "over the last minute %.1f messages per receive, %.1f per DeleteMessageBatch",
                Efficiency.taskMetric(server, GROUP, connector, "receive-batch-size-avg"),
                Efficiency.taskMetric(server, GROUP, connector, "delete-batch-size-avg"));
    }
}
