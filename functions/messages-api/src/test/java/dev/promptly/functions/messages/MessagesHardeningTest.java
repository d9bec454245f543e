package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.core.message.MessageSignature;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /messages} against input built to break it: JSON over the parser's limits, control
 * characters and line separators in message ids, an unknown shop, a {@code received_at} years off.
 */
class MessagesHardeningTest {
    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private APIGatewayV2HTTPResponse signed(String raw) {
        return system.post(raw, MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(APIGatewayV2HTTPResponse response, String error) {
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(error, MessagesTestSystem.json(response).get("error").asText());
        system.sender().sweep(10);
        assertEquals(0, system.storedItems());
        assertEquals(0, system.smtp.getReceivedMessages().length);
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsA400NamingTheLimit() {
        String raw = "{\"message_id\": \"x@y\", \"headers\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertRefused(signed(raw), "body: is over a JSON limit: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void aNumberLongerThanTheParserAllowsIsA400NamingTheLimit() {
        String raw = "{\"message_id\": \"x@y\", \"text\": " + "1".repeat(1001) + "}";

        assertRefused(signed(raw), "body: is over a JSON limit: Number value length (1001) exceeds the maximum allowed (1000)");
    }






}
