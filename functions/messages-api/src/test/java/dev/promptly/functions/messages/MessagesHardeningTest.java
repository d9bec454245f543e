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

    @Test
    void aMessageIdWithALineSeparatorIsRefused() {
        for (String bad : new String[] {"m-1\u2028Bcc: x@evil.example", "m-1\u2029", "m-\u00001", "m-1\r\nBcc: x@evil.example", "m-1\u0085"}) {
            var body = system.message(bad, "Hallo");

            assertRefused(system.post(body), "message_id: must be printable text (no control characters or line separators)");
        }
    }

    @Test
    void referencesWithAControlCharacterAreRefused() {
        var asList = system.message("m-1@mail.example.com", "Hallo");
        asList.putArray("references").add("ok@mail.example.com").add("bad\u0000@mail.example.com");
        var asString = system.message("m-2@mail.example.com", "Hallo");
        asString.put("references", "<ok@mail.example.com> <bad\u2028@mail.example.com>");

        String error = "references: must list message ids of printable text (no control characters or line separators, at most 998 characters each)";
        assertRefused(system.post(asList), error);
        assertRefused(system.post(asString), error);
    }

    @Test
    void anInReplyToWithALineBreakIsRefused() {
        var body = system.message("m-1@mail.example.com", "Hallo");
        body.put("in_reply_to", "<a@b>\r\nBcc: victim@evil.example");

        assertRefused(system.post(body), "in_reply_to: must be a message id of printable text (no control characters or line separators)");
    }

    @Test
    void anIdThatIsNoSingleTokenIsLeftOutOfTheAnswersThreadingHeaders() throws Exception {
        var body = system.message("m-1 with spaces@mail.example.com", "Hallo, wann kommt meine Bestellung?");
        body.putArray("references").add("first@mail.example.com").add("second <x>@mail.example.com");

        system.postAndSend(body);

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertNull(received[0].getHeader("In-Reply-To"), "a message id with spaces cannot be echoed as one token");
        assertArrayEquals(new String[] {"<first@mail.example.com>"}, received[0].getHeader("References"));
    }

    @Test
    void anUnknownShopGetsExactlyTheAnswerOfAWrongSignature() {
        String raw = system.message("m-1@mail.example.com", "Hallo").toString();
        var wrongSignature = system.post(raw, MessageSignature.sign("not-the-secret", raw.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new HashMap<>();
        headers.put("x-promptly-shop", "stranger.myshopify.com");
        headers.put("x-promptly-signature", MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8)));

        var unknownShop = system.handler.handleRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(raw)
                .withIsBase64Encoded(false).build(), null);

        assertEquals(401, unknownShop.getStatusCode());
        assertEquals(wrongSignature.getStatusCode(), unknownShop.getStatusCode());
        assertEquals(wrongSignature.getBody(), unknownShop.getBody());
        assertEquals(wrongSignature.getHeaders(), unknownShop.getHeaders());
        assertFalse(unknownShop.getBody().contains("stranger"), unknownShop.getBody());
    }

    @Test
    void aReceivedAtYearsAgoIsReplacedByTheReceiptTimeAndLoggedWithoutPersonalData() {
        var body = system.message("m-1@mail.example.com", "Hallo, wann kommt meine Bestellung?");
        body.put("received_at", "2020-01-01T00:00:00Z");

        var response = system.post(body);

        assertEquals(202, response.getStatusCode(), response.getBody());
        String logs = system.logText();
        assertTrue(logs.contains("\"event\":\"message.received_at_untrusted\""), logs);
        assertTrue(logs.contains("\"skewSeconds\":" + (java.time.Instant.parse("2020-01-01T00:00:00Z").getEpochSecond()
                - system.clock.instant().getEpochSecond())), logs);
        assertFalse(logs.contains("anna.beispiel"), logs);
        var id = new dev.promptly.core.message.ConversationId(MessagesTestSystem.json(response).get("conversation_id").asText());
        assertEquals(system.clock.instant(), system.conversations.load(system.shop, id).orElseThrow().conversation().createdAt());
    }
}
