package io.eventbridge.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventbridge.kafka.it.local.ReceivedEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The checked-in corpus of hostile input (src/test/resources/corpus, see its README) end to end through the
 * embedded stack with errors.tolerance=all: every record the sink gets, and every message SQS accepts for the
 * source, is delivered or dead-lettered with a reason header, exactly once each; the tasks stay RUNNING. What SQS
 * itself refuses (a raw control character, 1 MiB + 1 byte) is refused by the local SQS too, with SQS's error codes.
 */
class HostileCorpusIT extends EmbeddedStackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, String> BIG_TOPIC = Map.of("max.message.bytes", "3145728");
    private static final Set<String> REASON_HEADERS =
            Set.of("eventbridge.error.code", "__connect.errors.exception.message");

    /** Every case of a corpus folder by file name, recipes made into their bytes. */
    static Map<String, byte[]> corpus(String folder) throws IOException, URISyntaxException {
        Path dir =
                Path.of(HostileCorpusIT.class.getResource("/corpus/" + folder).toURI());
        Map<String, byte[]> cases = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                cases.put(
                        name,
                        name.endsWith(".recipe") ? recipe(Files.readString(file).trim()) : Files.readAllBytes(file));
            }
        }
        return cases;
    }

    private static byte[] recipe(String line) {
        String[] words = line.split(" ");
        int n = Integer.parseInt(words[1]);
        return switch (words[0]) {
            case "nest" -> ("[".repeat(n) + "1" + "]".repeat(n)).getBytes(StandardCharsets.UTF_8);
            case "pad" -> {
                String head = "{\"pad\":\"";
                String tail = "\"}";
                yield (head + "x".repeat(n - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown recipe " + line);
        };
    }

    private static String reason(ConsumerRecord<byte[], byte[]> r) {
        for (Header h : r.headers()) {
            if (REASON_HEADERS.contains(h.key()) && h.value() != null && h.value().length > 0) {
                return h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static List<ConsumerRecord<byte[], byte[]>> all(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        connect.kafka().consumeAll(30_000, topic).forEach(out::add);
        return out;
    }

    /** Produces each case keyed by its name; returns the names in order. */
    private static void produce(String topic, Map<String, byte[]> values, Map<String, Map<String, String>> headers) {
        try (KafkaProducer<byte[], byte[]> producer =
                connect.kafka().createProducer(Map.of("max.request.size", 3_145_728))) {
            values.forEach((name, value) -> {
                ProducerRecord<byte[], byte[]> r =
                        new ProducerRecord<>(topic, name.getBytes(StandardCharsets.UTF_8), value);
                headers.getOrDefault(name, Map.of())
                        .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(r);
            });
            producer.flush();
        }
    }

    private static List<ReceivedEvent> onBus(String bus) {
        return eventBridge.events().stream()
                .filter(e -> e.eventBus().equals(bus))
                .toList();
    }

    /** Runs the sink over the records; returns each case's fate: "delivered" or the dead letter's reason. */
    private Map<String, String> throughTheSink(
            String name,
            Map<String, byte[]> values,
            Map<String, Map<String, String>> headers,
            Map<String, String> converter,
            java.util.function.Function<JsonNode, String> caseOfDetail)
            throws Exception {
        connect.kafka().createTopic(name, 1, 1, BIG_TOPIC);
        connect.kafka().createTopic(name + "-dlq", 1, 1, BIG_TOPIC);
        Map<String, String> config =
                LocalStack.withDeadLetterTopic(stack.sinkConfig(name, name + "-bus"), name + "-dlq");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("producer.override.max.request.size", "3145728"); // the dead-letter producer's
        config.put("schema.registry.publish", "true"); // describing hostile values must not hurt either
        config.put("aws.schemas.endpoint.uri", eventBridge.endpoint());
        config.putAll(converter);
        connect.configureConnector(name + "-sink", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name + "-sink", 1, "sink");
        produce(name, values, headers);

        Map<String, String> fate = new LinkedHashMap<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            fate.clear();
            for (ConsumerRecord<byte[], byte[]> r : all(name + "-dlq")) {
                String reason = reason(r);
                assertThat(reason)
                        .as("dead letter %s has a reason header", new String(r.key(), StandardCharsets.UTF_8))
                        .isNotNull();
                assertThat(fate.put(new String(r.key(), StandardCharsets.UTF_8), reason))
                        .as("dead-lettered once")
                        .isNull();
            }
            for (ReceivedEvent e : onBus(name + "-bus")) {
                String key = caseOfDetail.apply(SinkTestSupport.detail(e));
                assertThat(fate.put(key, "delivered"))
                        .as("%s delivered once and not also dead-lettered", key)
                        .isNull();
            }
            assertThat(fate.keySet()).containsExactlyInAnyOrderElementsOf(values.keySet());
        });
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name + "-sink", 1, "still running");
        connect.deleteConnector(name + "-sink");
        return fate;
    }

    @Test
    void theSinkDeliversOrDeadLettersEveryHostileRecordWithAReasonAndKeepsRunning() throws Exception {
        Map<String, byte[]> values = corpus("sink");
        Map<String, String> fate = throughTheSink(
                "hostile",
                values,
                Map.of(),
                Map.of(),
                detail -> detail.path("key").asText()); // the envelope Detail carries the record's key
        assertThat(fate)
                .containsEntry("valid-order.json", "delivered")
                .containsEntry("duplicate-keys.json", "delivered")
                .containsEntry("numbers-out-of-range.json", "delivered")
                .containsEntry("nul-escaped.json", "delivered")
                .containsEntry("string-looks-like-json.json", "delivered");
        assertThat(fate.get("malformed-truncated.json")).startsWith("__connect.errors.exception.message");
        assertThat(fate.get("invalid-utf8.bin")).startsWith("__connect.errors.exception.message");
        assertThat(fate.get("deep-10000.recipe")).startsWith("__connect.errors.exception.message");
        assertThat(fate.get("big-1mib-plus-1.recipe")).isEqualTo("eventbridge.error.code=EntryTooLarge");
        System.out.println("Sink corpus: " + fate);
    }

    @Test
    void theSinkWithTheCloudEventsConverterDeadLettersInvalidCloudEventsByName() throws Exception {
        JsonNode manifest =
                SinkTestSupport.JSON.readTree(HostileCorpusIT.class.getResource("/corpus/sink-cloudevents.json"));
        Map<String, byte[]> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> headers = new HashMap<>();
        for (JsonNode c : manifest) {
            String name = c.path("case").asText();
            values.put(name, c.path("value").asText().getBytes(StandardCharsets.UTF_8));
            Map<String, String> h = new LinkedHashMap<>();
            c.path("headers")
                    .fields()
                    .forEachRemaining(e -> h.put(e.getKey(), e.getValue().asText()));
            headers.put(name, h);
        }
        Map<String, String> fate = throughTheSink(
                "hostile-ce",
                values,
                headers,
                Map.of(
                        "value.converter", "io.eventbridge.kafka.cloudevents.CloudEventsConverter",
                        "event.cloudevents.mode", "map"),
                detail -> Map.of("c-1", "valid binary CloudEvent", "c-8", "valid structured CloudEvent")
                        .get(detail.path("orderId").asText())); // the data's order
        assertThat(fate.values().stream().filter("delivered"::equals)).hasSize(2);
        fate.forEach((name, outcome) -> assertThat(outcome)
                .as(name)
                .isEqualTo(name.startsWith("valid") ? "delivered" : outcome)
                .isNotNull());
        assertThat(fate.get("binary with a bad time")).contains("time");
        assertThat(fate.get("structured without specversion")).contains("specversion");
        System.out.println("CloudEvents corpus: " + fate);
    }

    @Test
    void theSourceDeliversOrDeadLettersEveryBodySqsAcceptsAndSqsRefusesWhatItRefuses() throws Exception {
        Map<String, byte[]> bodies = corpus("source");
        String queue = stack.sqs().createQueue("hostile");
        connect.kafka().createTopic("hostile-in", 1);
        connect.kafka().createTopic("hostile-in-dlq", 1, 1, BIG_TOPIC);
        Map<String, String> refused = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        Map<String, String> idToCase = new HashMap<>();
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            try {
                String id = stack.sqs()
                        .client()
                        .sendMessage(
                                r -> r.queueUrl(queue).messageBody(new String(body.getValue(), StandardCharsets.UTF_8)))
                        .messageId();
                accepted.add(body.getKey());
                idToCase.put(id, body.getKey());
            } catch (SqsException e) {
                refused.put(body.getKey(), e.awsErrorDetails().errorCode());
            }
        }
        assertThat(refused)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "control-char-raw.txt", "InvalidMessageContents",
                        "big-1mib-plus-1.recipe", "InvalidParameterValue"));

        Map<String, String> config =
                LocalStack.withDeadLetterTopic(stack.sourceConfig("hostile-in", queue), "hostile-in-errors");
        config.put("dead.letter.topic", "hostile-in-dlq");
        config.put("schema.mode", "infer");
        config.put("value.mode", "envelope");
        connect.configureConnector("hostile-source", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("hostile-source", 1, "source");

        Map<String, String> fate = new TreeMap<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            fate.clear();
            for (ConsumerRecord<byte[], byte[]> r : all("hostile-in-dlq")) {
                String id = new String(r.headers().lastHeader("sqs.message.id").value(), StandardCharsets.UTF_8);
                assertThat(reason(r))
                        .as("dead letter of %s has a reason", idToCase.get(id))
                        .isNotNull();
                assertThat(fate.put(idToCase.get(id), reason(r))).as("once").isNull();
            }
            for (ConsumerRecord<byte[], byte[]> r : all("hostile-in")) {
                String id = new String(r.headers().lastHeader("sqs.message.id").value(), StandardCharsets.UTF_8);
                assertThat(fate.put(idToCase.get(id), "delivered"))
                        .as("once, and not also dead-lettered")
                        .isNull();
            }
            assertThat(fate.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(stack.sqs().visible(queue)).isZero();
            assertThat(stack.sqs().inFlight(queue)).isZero();
        });
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("hostile-source", 1, "still running");
        assertThat(fate)
                .containsEntry("valid-envelope.json", "delivered")
                .containsEntry("duplicate-keys.json", "delivered")
                .containsEntry("numbers-out-of-range.json", "delivered")
                .containsEntry("nul-escaped.json", "delivered")
                .containsEntry("not-an-envelope.txt", "delivered"); // wrapped: non.envelope.behavior=wrap
        for (String malformed : List.of(
                "envelope-without-detail.json",
                "detail-not-an-object.json",
                "malformed-json.json",
                "deep-10000.recipe",
                "nul-field-name.json")) {
            assertThat(fate.get(malformed)).as(malformed).startsWith("eventbridge.error.code=MalformedMessage");
        }
        System.out.println("Source corpus: "
                + fate.entrySet().stream()
                        .map(e -> e.getKey() + " -> " + e.getValue())
                        .collect(Collectors.joining(", "))
                + "; refused by SQS: " + refused);
        connect.deleteConnector("hostile-source");
    }
}
