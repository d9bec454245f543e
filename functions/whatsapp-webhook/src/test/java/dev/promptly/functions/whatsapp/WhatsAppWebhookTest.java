package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.ANNA;
import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.JSON;
import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.VERIFY_TOKEN;
import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.edge.HttpEventCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slice 1: Meta's verification request and the signature of its notifications. */
class WhatsAppWebhookTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void theVerificationRequestWithTheShopsVerifyTokenGetsItsChallengeBack() {
        var response = system.verify(system.shop.value(),
                Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "1158201444"));

        assertEquals(200, response.getStatusCode());
        assertEquals("1158201444", response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/plain"));
    }

    @Test
    void aWrongVerifyTokenIsRefusedWith403AndNoChallenge() {
        var response = system.verify(system.shop.value(),
                Map.of("hub.mode", "subscribe", "hub.verify_token", "guessed", "hub.challenge", "1158201444"));

        assertEquals(403, response.getStatusCode());
        assertFalse(response.getBody().contains("1158201444"));
        assertEquals("hub.verify_token: does not match this shop's WhatsApp verify token", json(response).path("error").asText());
    }

    @Test
    void anUnknownShopIsRefusedLikeAWrongTokenEvenWithTheRightOne() {
        var response = system.verify("other-shop.myshopify.com",
                Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "42"));

        assertEquals(403, response.getStatusCode());
        assertEquals("hub.verify_token: does not match this shop's WhatsApp verify token", json(response).path("error").asText());
    }

    @Test
    void aVerificationWithoutSubscribeModeOrWithAChallengeThatIsNoTokenIsRefused() {
        assertEquals(403, system.verify(system.shop.value(),
                Map.of("hub.mode", "unsubscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "42")).getStatusCode());
        var script = system.verify(system.shop.value(),
                Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "<script>alert(1)</script>"));
        assertEquals(403, script.getStatusCode());
        assertFalse(script.getBody().contains("<script>"));
        assertEquals(403, system.verify(system.shop.value(), Map.of()).getStatusCode());
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheRawBodyWithTheAppSecret() {
        // Vector computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac local-whatsapp-app-secret
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";

        var response = system.post(body, "sha256=682bd5d232e1e3f39748012f73c2586e92b07bbae32db5f051e7fa4e01ae81f6");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, json(response).path("recorded").asInt());
    }

    @Test
    void aBadSignatureGets401AndChangesNothing() {
        var notification = system.text(ANNA, system.wamid(), "Hallo?");
        String raw = notification.toString();
        int before = system.storedItems();

        var forged = system.post(raw, "sha256=682bd5d232e1e3f39748012f73c2586e92b07bbae32db5f051e7fa4e01ae81f6");
        var missing = system.post(raw, null);
        var otherScheme = system.post(raw, "sha1=0123456789abcdef0123456789abcdef01234567");
        var tampered = system.post(raw.replace("Hallo?", "Hallo!"),
                dev.promptly.core.message.MessageSignature.sign(WhatsAppTestSystem.APP_SECRET, raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        for (var response : java.util.List.of(forged, missing, otherScheme, tampered)) {
            assertEquals(401, response.getStatusCode(), response.getBody());
        }
        assertEquals("X-Hub-Signature-256: does not match the body for this shop's WhatsApp app secret", json(forged).path("error").asText());
        assertEquals(before, system.storedItems());
    }

    @Test
    void aNotificationForAShopWithoutWhatsAppGetsTheWrongSignaturesAnswer() {
        String raw = system.text(ANNA, system.wamid(), "Hallo?").toString();
        var event = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("shop", "other-shop.myshopify.com"))
                .withHeaders(Map.of("x-hub-signature-256", dev.promptly.core.message.MessageSignature.sign(
                        dev.promptly.core.error.UnknownShops.NO_SECRET, raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .withBody(raw).withIsBase64Encoded(false).build();

        var response = system.handler.handleRequest(event, null);

        assertEquals(401, response.getStatusCode());
        assertEquals("X-Hub-Signature-256: does not match the body for this shop's WhatsApp app secret", json(response).path("error").asText());
    }

    @Test
    void aSignedBodyThatIsNotANotificationGets400NamingTheFieldAndChangesNothing() {
        var notification = system.text(ANNA, system.wamid(), "Hallo?");
        ((com.fasterxml.jackson.databind.node.ObjectNode) notification.path("entry").get(0).path("changes").get(0).path("value")
                .path("messages").get(0)).put("from", "not-a-number");
        int before = system.storedItems();

        var response = system.post(notification);

        assertEquals(400, response.getStatusCode());
        assertEquals("entry[0].changes[0].value.messages[0].from: must be the sender's WhatsApp number in digits",
                json(response).path("error").asText());
        assertEquals(before, system.storedItems());
        assertFalse(system.logText().contains(ANNA), "no phone number in the log");
    }

    @Test
    void aChangeOfAnotherFieldOrPhoneNumberIsSkippedNotRecorded() {
        var value = WhatsAppTestSystem.envelope("999999999999999");
        value.putArray("messages").addObject().put("from", ANNA).put("id", system.wamid()).put("timestamp", "1764237600")
                .put("type", "text").putObject("text").put("body", "Hallo?");
        var notification = WhatsAppTestSystem.root(value);
        ((com.fasterxml.jackson.databind.node.ArrayNode) notification.path("entry").get(0).path("changes")).addObject().put("field", "account_update").putObject("value");
        int before = system.storedItems();

        var response = system.post(notification);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(JSON.createObjectNode().put("recorded", 0).put("duplicates", 0).put("statuses", 0).put("skipped", 2)
                .put("statuses_applied", 0).put("statuses_unknown", 0), json(response));
        assertEquals(before, system.storedItems());
    }

    @Test
    void aStreamInvocationOfARecordedVerificationRequestAnswersTheChallengeAsTheTypedMethod() throws Exception {
        // Given Meta's verification GET as recorded, for this shop
        byte[] event = new String(getClass().getResourceAsStream("/http-events/verification.json").readAllBytes(), StandardCharsets.UTF_8)
                .replace("{{shop}}", system.shop.value()).getBytes(StandardCharsets.UTF_8);

        // When Lambda invokes the stream method, and the typed method gets the same request
        var out = new ByteArrayOutputStream();
        system.handler.handleRequest(new ByteArrayInputStream(event), out, null);
        var typed = system.handler.handleRequest(new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(event, APIGatewayV2HTTPEvent.class), null);

        // Then the stream method echoes the challenge as plain text, as the typed method does
        var answer = JSON.readTree(out.toByteArray());
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertEquals("1158201444", answer.path("body").asText());
        var typedAnswer = new ByteArrayOutputStream();
        HttpEventCodec.write(typed, typedAnswer);
        assertEquals(JSON.readTree(typedAnswer.toByteArray()), answer);
    }
}
