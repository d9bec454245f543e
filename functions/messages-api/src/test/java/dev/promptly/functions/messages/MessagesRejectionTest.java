package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.core.message.MessageSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every refusal of {@code POST /messages} names the problem and stores and sends nothing. */
class MessagesRejectionTest {
    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private void assertRefused(APIGatewayV2HTTPResponse response, int status, String error) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(error, MessagesTestSystem.json(response).get("error").asText());
        system.sender().sweep(10);
        assertEquals(0, system.storedItems());
        assertEquals(0, system.smtp.getReceivedMessages().length);
    }

    private APIGatewayV2HTTPResponse signed(String raw) {
        return system.post(raw, MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongSignatureIsRefused() {
        String raw = system.message("x@y", "Hallo").toString();

        assertRefused(system.post(raw, MessageSignature.sign("not-the-secret", raw.getBytes(StandardCharsets.UTF_8))), 401,
                "X-Promptly-Signature: does not match the body for this shop's messages secret");
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertRefused(system.post(system.message("x@y", "Hallo").toString(), null), 401,
                "X-Promptly-Signature: is required (sha256=<hex HMAC-SHA256 of the body>)");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String raw = system.message("x@y", "Hallo").toString();
        String signature = MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8));

        assertRefused(system.post(raw.replace("Hallo", "Hallo!"), signature), 401,
                "X-Promptly-Signature: does not match the body for this shop's messages secret");
    }

    @Test
    void invalidJsonIsRefused() {
        assertRefused(signed("{\"message_id\": \"x\", \"text\": "), 400, "body: is not valid JSON (line 1, column 29)");
    }

    @Test
    void aMissingTextIsRefused() {
        var body = system.message("x@y", "Hallo");
        body.remove("text");

        assertRefused(signed(body.toString()), 400, "text: is required");
    }

    @Test
    void aSenderWithoutAddressOrPhoneIsRefused() {
        var body = system.message("x@y", "Hallo");
        body.putObject("from").put("name", "Anna");

        assertRefused(signed(body.toString()), 400, "from: needs email or phone");
    }

    @Test
    void anUnknownChannelIsRefused() {
        var body = system.message("x@y", "Hallo");
        body.put("channel", "pigeon");

        assertRefused(signed(body.toString()), 400, "channel: must be one of email, chat, form, whatsapp");
    }

    @Test
    void aShopFieldThatContradictsTheHeaderIsRefused() {
        var body = system.message("x@y", "Hallo");
        body.put("shop", "other-shop.myshopify.com");

        assertRefused(signed(body.toString()), 400, "shop: does not match the X-Promptly-Shop header");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] raw = "{\"message_id\":\"x\",\"text\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        String asString = new String(raw, StandardCharsets.ISO_8859_1);
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                .withHeaders(java.util.Map.of("x-promptly-shop", system.shop.value(),
                        "x-promptly-signature", MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw)))
                .withBody(java.util.Base64.getEncoder().encodeToString(raw)).withIsBase64Encoded(true).build();

        assertRefused(system.handler.handleRequest(event, null), 400, "body: is not valid UTF-8");
        assertEquals(asString.length(), raw.length);
    }

    @Test
    void aHeaderNameWithLineBreaksIsRefused() {
        var body = system.message("x@y", "Hallo");
        body.putObject("headers").put("X-Evil\r\nBcc", "x@evil.example");

        assertRefused(signed(body.toString()), 400, "headers: \"X-Evil??Bcc\" is not a header name");
    }

    @Test
    void anUnknownShopIsRefusedLikeAWrongSignature() {
        String raw = system.message("x@y", "Hallo").toString().replace(system.shop.value(), "nobody.myshopify.com");
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                .withHeaders(java.util.Map.of("x-promptly-shop", "nobody.myshopify.com",
                        "x-promptly-signature", MessageSignature.sign(MessagesTestSystem.MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8))))
                .withBody(raw).withIsBase64Encoded(false).build();

        assertRefused(system.handler.handleRequest(event, null), 401, "X-Promptly-Signature: does not match the body for this shop's messages secret");
    }
}
