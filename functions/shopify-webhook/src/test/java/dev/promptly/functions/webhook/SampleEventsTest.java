package dev.promptly.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.config.CachingSecretResolver;
import dev.promptly.core.ShopDomain;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample events in {@code events/} (for {@code sam local invoke}) are valid deliveries for the
 * shipped example configuration, and each is applied by the real handlers.
 */
class SampleEventsTest {
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> IN_ORDER = List.of("orders-create", "orders-updated", "fulfillments-create",
            "fulfillments-update", "fulfillment-events-create", "orders-partially-fulfilled", "orders-fulfilled",
            "orders-cancelled", "refunds-create", "customers-data-request", "customers-redact", "shop-redact");

    private final WebhookTestSystem system = new WebhookTestSystem();
    private final WebhookIntake demoIntake = new WebhookIntake(
            ConfigSource.loadFile(WebhookTestSystem.EVENTS.resolve("../config/promptly.example.json"), true),
            new CachingSecretResolver(ref -> { throw new AssertionError("literal secrets only"); }, system.clock, Duration.ofMinutes(1)),
            system.orders, system.exports, system.conversations, new dev.promptly.app.compliance.NoRawMailToErase(), system.clock);

    @Test
    void everySampleWebhookEventIsSignedForTheExampleShopAndApplied() throws Exception {
        var handler = new ShopifyWebhookHandler(demoIntake, new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock));
        try (var files = Files.list(WebhookTestSystem.EVENTS.resolve("shopify-webhook"))) {
            assertEquals(IN_ORDER.size(), files.count(), "one sample per topic");
        }

        for (String name : IN_ORDER) {
            var event = LAMBDA_JSON.readValue(WebhookTestSystem.EVENTS.resolve("shopify-webhook/" + name + ".json").toFile(), APIGatewayV2HTTPEvent.class);
            var response = handler.handleRequest(event, null);
            assertEquals(200, response.getStatusCode(), name + ": " + response.getBody());
            if (name.equals("refunds-create")) {
                var refunds = system.orders.load(new ShopDomain("demo-shop.myshopify.com"), "5001001").orElseThrow().order().refunds();
                assertEquals("9.90 EUR", refunds.get(0).amount().toPlainString() + " " + refunds.get(0).currency());
            }
        }
        assertTrue(system.orders.load(new ShopDomain("demo-shop.myshopify.com"), "5001001").isEmpty(), "shop/redact came last");
    }

    @Test
    void aStreamInvocationOfARecordedEventIsAppliedAndAnswersAsTheTypedMethod() throws Exception {
        // Given a recorded delivery with a base64 body and header names in Shopify's spelling
        var handler = new ShopifyWebhookHandler(demoIntake, new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock));
        byte[] event = getClass().getResourceAsStream("/http-events/orders-create-base64.json").readAllBytes();

        // When Lambda invokes the stream method, then the typed method and the stream method get the same delivery again
        JsonNode first = stream(handler, event);
        var typed = handler.handleRequest(LAMBDA_JSON.readValue(event, APIGatewayV2HTTPEvent.class), null);
        JsonNode again = stream(handler, event);

        // Then the order is stored, and both methods answer the redelivery alike
        assertEquals(200, first.path("statusCode").asInt(), first.toString());
        assertEquals("#1001", system.orders.load(new ShopDomain("demo-shop.myshopify.com"), "5001001").orElseThrow().order().name());
        assertEquals(encoded(typed), again);
    }

    private static JsonNode stream(ShopifyWebhookHandler handler, byte[] event) throws java.io.IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return LAMBDA_JSON.readTree(out.toByteArray());
    }

    private static JsonNode encoded(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) throws java.io.IOException {
        var out = new ByteArrayOutputStream();
        HttpEventCodec.write(response, out);
        return LAMBDA_JSON.readTree(out.toByteArray());
    }

    @Test
    void eventBridgeDeliveryIsAppliedWithoutSignature() throws Exception {
        var handler = new ShopifyEventBridgeHandler(demoIntake, new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock));
        byte[] event = Files.readAllBytes(WebhookTestSystem.EVENTS.resolve("shopify-eventbridge/orders-updated.json"));
        var out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(event), out, null);

        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"status\":\"applied\""), out.toString(StandardCharsets.UTF_8));
        var order = system.orders.load(new ShopDomain("demo-shop.myshopify.com"), "5001001").orElseThrow().order();
        assertEquals("#1001", order.name());

        var again = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), again, null);
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("\"status\":\"duplicate\""));
    }

    @Test
    void eventBridgeEventWithoutPayloadIsThrownForTheDeadLetterQueue() {
        var handler = new ShopifyEventBridgeHandler(demoIntake, new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock));
        byte[] event = "{\"detail\":{\"metadata\":{}}}".getBytes(StandardCharsets.UTF_8);

        var thrown = org.junit.jupiter.api.Assertions.assertThrows(dev.promptly.core.error.InvalidInputException.class,
                () -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null));
        assertEquals("detail.payload: must be the webhook's JSON object", thrown.getMessage());
    }
}
