package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.log.BusinessMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The business metrics the real intake's log lines count ({@link BusinessMetrics}), through the real handler. */
class MessagesBusinessMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aWismoQuestionFromTheOrdersCustomerCountsAsAnAnswerAndFromAStrangerAsAnAsk() throws Exception {
        system.storeSampleOrder();

        system.postAndSend(system.message("wismo-owner", "Hallo, wo bleibt meine Bestellung #1001?"));
        ObjectNode stranger = system.message("wismo-stranger", "Hallo, wo bleibt meine Bestellung?");
        stranger.putObject("from").put("email", "mallory@example.org");
        system.postAndSend(stranger);

        assertEquals(List.of(List.of("Acknowledgements", "WismoAnswers"), List.of("Acknowledgements", "WismoAsks")), newConversationMetrics());
    }

    @Test
    void automaticMailCountsAsALoopGuardRefusalNotAsAnAcknowledgement() throws Exception {
        ObjectNode bounce = system.message("auto-1", "Ich bin bis Montag nicht im Büro.");
        bounce.putObject("headers").put("Auto-Submitted", "auto-replied");

        system.postAndSend(bounce);

        assertEquals(List.of(List.of("LoopGuardRefusals")), newConversationMetrics());
    }

    /** For each message.new_conversation line, the metrics it counts. */
    private List<List<String>> newConversationMetrics() throws Exception {
        return system.logText().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).filter(line -> "message.new_conversation".equals(line.path("event").asText())).map(line -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            line.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            return BusinessMetrics.of("message.new_conversation", fields);
        }).toList();
    }
}
