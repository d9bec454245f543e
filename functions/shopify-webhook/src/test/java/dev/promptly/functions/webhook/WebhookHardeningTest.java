package dev.promptly.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the webhook routes: JSON over Jackson's limits, over-long ids and a shop we do not serve.
 */
class WebhookHardeningTest {
    private final WebhookTestSystem system = new WebhookTestSystem();

    private ObjectNode compliance(String sample) {
        return WebhookTestSystem.body(sample).put("shop_domain", system.shop.value());
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse signedRaw(String topic, String raw, String webhookId) {
        return system.handler.handleRequest(system.event(topic, raw, webhookId,
                ShopifyHmac.sign(WebhookTestSystem.SECRET, raw.getBytes(StandardCharsets.UTF_8))), null);
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsA400NamingTheLimit() {
        String raw = "{\"id\": 1, \"note_attributes\": " + "[".repeat(1200) + "]".repeat(1200) + "}";

        var response = signedRaw("orders/create", raw, "w-1");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body: is over a JSON limit: Document nesting depth (1001) exceeds the maximum allowed (1000)",
                system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void aNumberLongerThanTheParserAllowsIsA400NamingTheLimit() {
        String raw = "{\"id\": " + "9".repeat(1200) + ", \"updated_at\": \"2026-11-23T10:00:00Z\"}";

        var response = signedRaw("orders/create", raw, "w-1");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body: is over a JSON limit: Number value length (1200) exceeds the maximum allowed (1000)",
                system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void anOverLongWebhookIdIsA400BeforeAnyWrite() {
        int writesBefore = system.writeCalls();

        var response = system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w".repeat(3000));

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("X-Shopify-Webhook-Id: must be at most 256 printable ASCII characters", system.json(response).path("error").asText());
        assertEquals(writesBefore, system.writeCalls());
        assertEquals(0, system.storedItems());
    }


    @Test
    void anOverLongOrderIdIsA400NamingTheField() {
        var body = WebhookTestSystem.body("orders-create").put("id", "5".repeat(2000));

        var response = system.deliver("orders/create", body, "w-1");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body.id: must be an id of at most 256 printable ASCII characters", system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void anOverLongOrderIdInARedactionIsA400NamingTheList() {
        var body = compliance("customers-redact");
        body.putArray("orders_to_redact").add("7".repeat(300));

        var response = system.deliver("customers/redact", body, "w-1");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body.orders_to_redact: must list ids of at most 256 printable ASCII characters", system.json(response).path("error").asText());
    }

    @Test
    void anOverLongCustomerEmailIsA400RatherThanAnIndexKeyError() {
        var body = WebhookTestSystem.body("orders-create").put("email", "a".repeat(3000) + "@example.com");

        var response = system.deliver("orders/create", body, "w-1");

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body.email: is longer than 254 characters", system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void anUnknownShopGetsExactlyTheAnswerOfAWrongSignature() {
        String raw = WebhookTestSystem.body("orders-create").toString();
        var wrongSignature = system.handler.handleRequest(system.event("orders/create", raw, "w-1",
                ShopifyHmac.sign("not-the-secret", raw.getBytes(StandardCharsets.UTF_8))), null);
        var unknownShop = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        unknownShop.getHeaders().put("x-shopify-shop-domain", "stranger.myshopify.com");

        var unknown = system.handler.handleRequest(unknownShop, null);

        assertEquals(401, unknown.getStatusCode());
        assertEquals(wrongSignature.getStatusCode(), unknown.getStatusCode());
        assertEquals(wrongSignature.getBody(), unknown.getBody());
        assertEquals(wrongSignature.getHeaders(), unknown.getHeaders());
    }

    @Test
    void anUnknownShopSigningWithThePlaceholderKeyIsStillRefused() {
        String raw = WebhookTestSystem.body("orders-create").toString();
        var event = system.event("orders/create", raw, "w-1",
                ShopifyHmac.sign(dev.promptly.core.error.UnknownShops.NO_SECRET, raw.getBytes(StandardCharsets.UTF_8)));
        event.getHeaders().put("x-shopify-shop-domain", "stranger.myshopify.com");

        assertEquals(401, system.handler.handleRequest(event, null).getStatusCode());
    }





}
