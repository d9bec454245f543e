package dev.promptly.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
    private static final String NAMESPACE = "Promptly/promptly";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private JsonLog log(String namespace) {
        return new JsonLog("messages-api", new PrintStream(out, true, StandardCharsets.UTF_8), CLOCK, namespace);
    }

    private List<JsonNode> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not one JSON object per line: " + line, e);
            }
        }).toList();
    }

    private static Map<String, Object> acknowledgedWismo(String wismo) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", "demo-shop.myshopify.com");
        fields.put("conversationId", "c-1");
        fields.put("acknowledgement", "pending");
        fields.put("reason", "acknowledged");
        fields.put("wismo", wismo);
        return fields;
    }

    @Test
    void linesOfAnInvocationCarryItsRequestIdAndOnlyTheFirstInvocationIsAColdStart() {
        JsonLog log = log(null);

        log.invocation("req-1");
        log.info("webhook.accepted", Map.of("shop", "demo-shop.myshopify.com"));
        log.info("webhook.accepted", Map.of("shop", "demo-shop.myshopify.com"));
        log.invocation("req-2");
        log.info("webhook.accepted", Map.of("shop", "demo-shop.myshopify.com"));

        List<JsonNode> lines = lines();
        assertEquals(List.of("req-1", "req-1", "req-2"), lines.stream().map(l -> l.path("awsRequestId").asText()).toList());
        assertEquals(List.of(true, true, false), lines.stream().map(l -> l.path("coldStart").asBoolean()).toList());
        assertEquals("INFO", lines.get(0).path("level").asText());
        assertEquals("messages-api", lines.get(0).path("function").asText());
        assertEquals("2026-11-27T17:00:00Z", lines.get(0).path("time").asText());
    }

    @Test
    void snapStartPrimingWithoutARequestIdLeavesTheColdStartToTheFirstRealInvocation() {
        JsonLog log = log(null);

        log.invocation(null); // what a priming call in beforeCheckpoint passes
        log.info("message.rejected", Map.of());
        log.invocation("req-1");
        log.info("message.rejected", Map.of());

        List<JsonNode> lines = lines();
        assertFalse(lines.get(0).has("awsRequestId"), "outside an invocation no request id: " + lines.get(0));
        assertFalse(lines.get(0).has("coldStart"));
        assertTrue(lines.get(1).path("coldStart").asBoolean(), "the first real invocation is the cold start: " + lines.get(1));
    }

    @Test
    void anAcknowledgedWismoAnswerIsAlsoWrittenAsEmbeddedMetricsOfItsShop() {
        JsonLog log = log(NAMESPACE);

        log.info("message.new_conversation", acknowledgedWismo("answered"));

        JsonNode line = lines().get(0);
        JsonNode aws = line.path("_aws");
        assertEquals(CLOCK.millis(), aws.path("Timestamp").asLong());
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertEquals(NAMESPACE, directive.path("Namespace").asText());
        assertEquals("[[\"Shop\"]]", directive.path("Dimensions").toString());
        assertEquals("[{\"Name\":\"Acknowledgements\",\"Unit\":\"Count\"},{\"Name\":\"WismoAnswers\",\"Unit\":\"Count\"}]",
                directive.path("Metrics").toString());
        // The members the directive names, at the root, as the format requires.
        assertEquals("demo-shop.myshopify.com", line.path("Shop").asText());
        assertEquals(1, line.path("Acknowledgements").asInt());
        assertEquals(1, line.path("WismoAnswers").asInt());
        // Still the log line it was.
        assertEquals("message.new_conversation", line.path("event").asText());
        assertEquals("c-1", line.path("conversationId").asText());
    }

    @Test
    void withoutANamespaceOrWithoutAShopNoLineCarriesMetrics() {
        log(null).info("message.new_conversation", acknowledgedWismo("answered"));
        log(NAMESPACE).error("outbox.failed", Map.of("outboxId", "o-1"));
        log(NAMESPACE).info("webhook.accepted", Map.of("shop", "demo-shop.myshopify.com"));

        lines().forEach(line -> assertFalse(line.has("_aws"), line.toString()));
    }
}
