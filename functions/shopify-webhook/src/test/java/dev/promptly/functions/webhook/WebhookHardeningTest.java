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
 * Bad and replayed input on the webhook routes: JSON over Jackson's limits, over-long ids, a shop we do
 * not serve, and compliance webhooks delivered again (by retry, a second subscription or a replay).
 */
class WebhookHardeningTest {
    private final WebhookTestSystem system = new WebhookTestSystem();

    private ObjectNode compliance(String sample) {
        return WebhookTestSystem.body(sample).put("shop_domain", system.shop.value());
    }

    /** A delivery's status code, the {@code status} it reports, and the raw body. */
    private record Delivered(int status, String outcome, String body) {
    }

    private Delivered deliverWithEventId(String topic, ObjectNode body, String webhookId,
                                                                                       String eventId) {
        var event = system.signed(topic, body, webhookId);
        event.getHeaders().put("x-shopify-event-id", eventId);
        var response = system.handler.handleRequest(event, null);
        return new Delivered(response.getStatusCode(), system.json(response).path("status").asText(), response.getBody());
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
    void anOverLongEventIdIsA400() {
        var delivered = deliverWithEventId("orders/create", WebhookTestSystem.body("orders-create"), "w-1", "e".repeat(257));

        assertEquals(400, delivered.status(), delivered.body());
        assertTrue(delivered.body().contains("X-Shopify-Event-Id: must be at most 256 printable ASCII characters"), delivered.body());
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

    @Test
    void aReplayedShopRedactionAfterAReinstallKeepsTheNewData() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        var first = system.deliver("shop/redact", compliance("shop-redact"), "w-redact");
        system.deliver("orders/create", WebhookTestSystem.body("orders-create").put("id", 5009001), "w-after-reinstall");

        var replay = system.deliver("shop/redact", compliance("shop-redact"), "w-redact");

        assertEquals("deleted", system.json(first).path("status").asText());
        assertEquals(200, replay.getStatusCode(), replay.getBody());
        assertEquals("duplicate", system.json(replay).path("status").asText());
        assertTrue(system.orders.load(system.shop, "5009001").isPresent(), "the re-installed shop's order stays");
        assertTrue(system.orders.load(system.shop, "5001001").isEmpty(), "the first delivery deleted the old data");
    }

    @Test
    void aCustomerRedactionDeliveredAgainUnderANewWebhookIdButTheSameEventIdRedactsNothingNew() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        var first = deliverWithEventId("customers/redact", compliance("customers-redact"), "w-2", "event-redact-1");
        var laterOrder = WebhookTestSystem.body("orders-create").put("id", 5009002);
        system.deliver("orders/create", laterOrder, "w-3");

        var second = deliverWithEventId("customers/redact", compliance("customers-redact"), "w-2-second-subscription", "event-redact-1");

        assertEquals("redacted", first.outcome());
        assertEquals("duplicate", second.outcome());
        assertEquals("anna.beispiel@example.com", system.orders.load(system.shop, "5009002").orElseThrow().order().customer().email(),
                "an order placed after the redaction is not redacted by its replay");
        assertTrue(system.orders.load(system.shop, "5001001").orElseThrow().order().redactedAt() != null);
    }

    @Test
    void aDataRequestDeliveredTwiceIsExportedOnce() {
        var first = system.deliver("customers/data_request", compliance("customers-data-request"), "w-1");

        var second = system.deliver("customers/data_request", compliance("customers-data-request"), "w-1");

        assertEquals("exported", system.json(first).path("status").asText());
        assertEquals("duplicate", system.json(second).path("status").asText());
    }

    @Test
    void anOrderUpdateDeliveredAgainWithTheSameEventIdIsADuplicate() {
        var first = deliverWithEventId("orders/create", WebhookTestSystem.body("orders-create"), "w-1", "event-1");

        var second = deliverWithEventId("orders/create", WebhookTestSystem.body("orders-create"), "w-2", "event-1");
        var otherEvent = deliverWithEventId("orders/updated", WebhookTestSystem.body("orders-updated"), "w-3", "event-2");

        assertEquals("applied", first.outcome(), first.body());
        assertEquals("duplicate", second.outcome(), second.body());
        assertTrue(!otherEvent.outcome().equals("duplicate"), otherEvent.body());
    }

    @Test
    void anEventBridgeDeliveryIsDeduplicatedByItsEventId() throws Exception {
        var handler = new ShopifyEventBridgeHandler(system.intake, new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        String payload = compliance("customers-redact").toString();
        String template = """
                {"id": "%s", "detail-type": "shopifyWebhookTopic", "detail": {
                  "metadata": {"Content-Type": "application/json", "X-Shopify-Topic": "customers/redact",
                    "X-Shopify-Shop-Domain": "%s", "X-Shopify-Webhook-Id": "%s", "X-Shopify-Event-Id": "event-eb-1"},
                  "payload": %s}}""";
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        var first = new ByteArrayOutputStream();
        var second = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(template.formatted("eb-1", system.shop.value(), "w-eb-1", payload)
                .getBytes(StandardCharsets.UTF_8)), first, null);
        handler.handleRequest(new ByteArrayInputStream(template.formatted("eb-2", system.shop.value(), "w-eb-2", payload)
                .getBytes(StandardCharsets.UTF_8)), second, null);

        assertEquals("redacted", WebhookTestSystem.JSON.readTree(first.toByteArray()).path("status").asText());
        assertEquals("duplicate", WebhookTestSystem.JSON.readTree(second.toByteArray()).path("status").asText());
    }
}
