package dev.promptly.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShopifyWebhookHandlerTest {
    private final WebhookTestSystem system = new WebhookTestSystem();

    private Order stored(String orderId) {
        return system.orders.load(system.shop, orderId).orElseThrow(() -> new AssertionError("order " + orderId + " not stored")).order();
    }

    @Test
    void snapStartPrimingReadsOnceAndWritesNothing() {
        system.handler.beforeCheckpoint(null);

        assertEquals(1, system.count("GetItem"));
        assertEquals(0, system.writeCalls());
        assertEquals(0, system.storedItems());
    }

    @Test
    void orderCreateStoresWhatLaterJobsNeed() {
        var response = system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("applied", system.json(response).path("status").asText());
        Order order = stored("5001001");
        assertEquals("#1001", order.name());
        assertEquals(Instant.parse("2026-11-23T08:15:00Z"), order.createdAt());
        assertEquals(Instant.parse("2026-11-23T08:15:02Z"), order.updatedAt());
        assertEquals("paid", order.financialStatus());
        assertEquals("anna.beispiel@example.com", order.customer().email());
        assertEquals("+49 30 1234567", order.customer().phone());
        assertEquals("de", order.customer().locale());
        assertEquals("7001", order.customer().customerId());
        assertEquals("DE", order.shippingCountry());
        assertEquals("DHL Paket", order.shippingLines().get(0).title());
        assertEquals(2, order.lineItems().size());
        assertEquals(2, order.lineItems().get(0).quantity());
        assertEquals("59.80", order.totalPrice());
    }

    @Test
    void fulfillmentsAndTrackingEventsAreStoredPerShipment() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("fulfillments/create", WebhookTestSystem.body("fulfillments-create"), "w-2");
        system.deliver("fulfillment_events/create", WebhookTestSystem.body("fulfillment-events-create"), "w-3");
        system.deliver("orders/fulfilled", WebhookTestSystem.body("orders-fulfilled"), "w-4");

        Order order = stored("5001001");
        assertEquals("fulfilled", order.fulfillmentStatus());
        assertEquals(2, order.fulfillments().size());
        Fulfillment dhl = order.fulfillment("6001").orElseThrow();
        assertEquals("DHL", dhl.trackingCompany());
        assertEquals(List.of("00340434161234567890"), dhl.trackingNumbers());
        assertTrue(dhl.trackingUrls().get(0).startsWith("https://www.dhl.de/"));
        assertEquals("in_transit", dhl.latestEvent().status());
        assertEquals(Instant.parse("2026-11-24T20:10:00Z"), dhl.latestEvent().happenedAt());
        assertEquals(Instant.parse("2026-11-26T17:00:00Z"), dhl.estimatedDeliveryAt());
        assertEquals("UPS", order.fulfillment("6002").orElseThrow().trackingCompany());
    }

    @Test
    void cancelledOrderKeepsItsCancellation() {
        system.deliver("orders/cancelled", WebhookTestSystem.body("orders-cancelled"), "w-1");

        Order order = stored("5001002");
        assertEquals(Instant.parse("2026-11-23T11:00:00Z"), order.cancelledAt());
        assertEquals("customer", order.cancelReason());
        assertEquals("refunded", order.financialStatus());
    }

    @Test
    void duplicateDeliveryChangesNothing() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        ObjectNode changed = WebhookTestSystem.body("orders-create").put("updated_at", "2026-11-23T13:00:00+01:00").put("financial_status", "refunded");

        var again = system.deliver("orders/create", changed, "w-1");

        assertEquals("duplicate", system.json(again).path("status").asText());
        assertEquals("paid", stored("5001001").financialStatus());
        assertEquals(1L, system.orders.load(system.shop, "5001001").orElseThrow().version());
    }

    @Test
    void olderUpdateArrivingLateIsIgnored() {
        system.deliver("orders/updated", WebhookTestSystem.body("orders-updated").put("financial_status", "refunded"), "w-new");

        var late = system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-old");

        assertEquals("stale", system.json(late).path("status").asText());
        Order order = stored("5001001");
        assertEquals("refunded", order.financialStatus());
        assertEquals(Instant.parse("2026-11-23T10:40:00Z"), order.updatedAt());
    }

    @Test
    void fulfillmentArrivingBeforeItsOrderIsKeptWhenTheOrderComes() {
        system.deliver("fulfillment_events/create", WebhookTestSystem.body("fulfillment-events-create"), "w-1");
        system.deliver("fulfillments/update", WebhookTestSystem.body("fulfillments-update"), "w-2");
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-3");

        Order order = stored("5001001");
        assertEquals("#1001", order.name());
        Fulfillment dhl = order.fulfillment("6001").orElseThrow();
        assertEquals("DHL", dhl.trackingCompany());
        assertEquals("in_transit", dhl.latestEvent().status());
        assertEquals(Instant.parse("2026-11-26T17:00:00Z"), dhl.estimatedDeliveryAt());
    }

    @Test
    void olderOrderPayloadDoesNotRollBackANewerFulfillment() {
        system.deliver("fulfillments/update", WebhookTestSystem.body("fulfillments-update"), "w-1");
        ObjectNode olderView = WebhookTestSystem.body("orders-partially-fulfilled");

        system.deliver("orders/partially_fulfilled", olderView, "w-2");

        assertEquals("in_transit", stored("5001001").fulfillment("6001").orElseThrow().shipmentStatus());
    }

    @Test
    void olderTrackingEventDoesNotReplaceALaterOne() {
        system.deliver("fulfillment_events/create", WebhookTestSystem.body("fulfillment-events-create"), "w-1");
        ObjectNode earlier = WebhookTestSystem.body("fulfillment-events-create").put("id", 7999).put("status", "confirmed")
                .put("happened_at", "2026-11-24T15:00:00+01:00");

        var response = system.deliver("fulfillment_events/create", earlier, "w-2");

        assertEquals("stale", system.json(response).path("status").asText());
        assertEquals("in_transit", stored("5001001").fulfillment("6001").orElseThrow().latestEvent().status());
    }

    @Test
    void fiftyParallelIdenticalDeliveriesChangeTheStateOnce() throws Exception {
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-parallel");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        var start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                var response = system.handler.handleRequest(event, null);
                assertEquals(200, response.getStatusCode(), response.getBody());
                return system.json(response).path("status").asText();
            }));
        }

        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertEquals(1, statuses.stream().filter("applied"::equals).count(), statuses.toString());
        assertEquals(49, statuses.stream().filter("duplicate"::equals).count(), statuses.toString());
        assertEquals(1L, system.orders.load(system.shop, "5001001").orElseThrow().version());
        assertEquals(2, system.storedItems(), "one order and one webhook receipt");
    }

    @Test
    void commonCaseMakesOneReadAndOneWriteRoundTrip() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.calls.clear();

        system.deliver("fulfillments/create", WebhookTestSystem.body("fulfillments-create"), "w-2");

        assertEquals(1, system.writeCalls(), system.calls.toString());
        assertEquals(1, system.count("GetItem"), system.calls.toString());
    }

    @Test
    void forgedSignatureIsRefusedAndWritesNothing() {
        String raw = WebhookTestSystem.body("orders-create").toString();
        String forged = dev.promptly.core.shopify.ShopifyHmac.sign("not-the-secret", raw.getBytes(StandardCharsets.UTF_8));

        var response = system.handler.handleRequest(system.event("orders/create", raw, "w-1", forged), null);

        assertEquals(401, response.getStatusCode());
        assertTrue(system.json(response).path("error").asText().startsWith("X-Shopify-Hmac-Sha256"));
        assertEquals(0, system.storedItems());
    }

    @Test
    void bodyChangedAfterSigningIsRefused() {
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        event.setBody(event.getBody().replace("59.80", "0.01"));

        assertEquals(401, system.handler.handleRequest(event, null).getStatusCode());
        assertEquals(0, system.storedItems());
    }

    @Test
    void missingSignatureIsRefused() {
        var response = system.handler.handleRequest(system.event("orders/create", WebhookTestSystem.body("orders-create").toString(), "w-1", null), null);

        assertEquals(401, response.getStatusCode());
        assertEquals("X-Shopify-Hmac-Sha256: is required", system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void complianceTopicWithInvalidSignatureAnswers401() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        String raw = WebhookTestSystem.body("shop-redact").put("shop_domain", system.shop.value()).toString();

        for (String topic : List.of("shop/redact", "customers/redact", "customers/data_request")) {
            var response = system.handler.handleRequest(system.event(topic, raw, "w-c", "bm90IGEgc2lnbmF0dXJl"), null);
            assertEquals(401, response.getStatusCode(), topic);
        }
        assertEquals(2, system.storedItems());
    }

    @Test
    void previousSecretIsAcceptedDuringRotation() {
        String raw = WebhookTestSystem.body("orders-create").toString();
        String oldSignature = dev.promptly.core.shopify.ShopifyHmac.sign(WebhookTestSystem.PREVIOUS_SECRET, raw.getBytes(StandardCharsets.UTF_8));

        var response = system.handler.handleRequest(system.event("orders/create", raw, "w-1", oldSignature), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("#1001", stored("5001001").name());
    }

    @Test
    void base64EncodedBodyFromApiGatewayIsVerifiedOverItsBytes() {
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals(200, system.handler.handleRequest(event, null).getStatusCode());
        assertEquals("#1001", stored("5001001").name());
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        String raw = "{\"id\": 5001001, \"updated_at\": ";
        String signature = dev.promptly.core.shopify.ShopifyHmac.sign(WebhookTestSystem.SECRET, raw.getBytes(StandardCharsets.UTF_8));

        var response = system.handler.handleRequest(system.event("orders/create", raw, "w-1", signature), null);

        assertEquals(400, response.getStatusCode());
        assertTrue(system.json(response).path("error").asText().startsWith("body: malformed JSON at line 1"), response.getBody());
        assertEquals(0, system.storedItems());
    }

    @Test
    void payloadMissingARequiredFieldNamesIt() {
        ObjectNode noUpdatedAt = WebhookTestSystem.body("orders-create");
        noUpdatedAt.remove("updated_at");

        var response = system.deliver("orders/updated", noUpdatedAt, "w-1");

        assertEquals(400, response.getStatusCode());
        assertEquals("body.updated_at: is required", system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        String raw = "{\"padding\":\"" + "x".repeat(ShopifyWebhookHandler.MAX_BODY_BYTES) + "\"}";
        String signature = dev.promptly.core.shopify.ShopifyHmac.sign(WebhookTestSystem.SECRET, raw.getBytes(StandardCharsets.UTF_8));

        var response = system.handler.handleRequest(system.event("orders/create", raw, "w-1", signature), null);

        assertEquals(413, response.getStatusCode());
        assertEquals("body: larger than the limit of 1048576 bytes", system.json(response).path("error").asText());
        assertEquals(0, system.storedItems());
    }

    @Test
    void missingHeadersAreNamed() {
        var noTopic = system.handler.handleRequest(system.signed(null, WebhookTestSystem.body("orders-create"), "w-1"), null);
        var noWebhookId = system.handler.handleRequest(system.signed("orders/create", WebhookTestSystem.body("orders-create"), null), null);
        var noShop = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        noShop.getHeaders().remove("x-shopify-shop-domain");

        assertEquals("X-Shopify-Topic: is required", system.json(noTopic).path("error").asText());
        assertEquals("X-Shopify-Webhook-Id: is required", system.json(noWebhookId).path("error").asText());
        assertEquals(400, system.handler.handleRequest(noShop, null).getStatusCode());
        assertEquals(0, system.storedItems());
    }

    @Test
    void unknownShopIsRefusedLikeAWrongSignature() {
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        event.getHeaders().put("x-shopify-shop-domain", "stranger.myshopify.com");

        var response = system.handler.handleRequest(event, null);

        assertEquals(401, response.getStatusCode());
        assertEquals("X-Shopify-Hmac-Sha256: does not match the body signed with the shop's webhook secret",
                system.json(response).path("error").asText());
    }

    @Test
    void otherTopicsAreAcknowledgedIgnoredAndLogged() {
        var response = system.deliver("products/update", WebhookTestSystem.JSON.createObjectNode().put("id", 1), "w-1");

        assertEquals(200, response.getStatusCode());
        assertEquals("ignored", system.json(response).path("status").asText());
        assertEquals(0, system.storedItems());
        assertTrue(system.logs.toString(StandardCharsets.UTF_8).contains("\"topic\":\"products/update\",\"status\":\"ignored\""));
    }

    @Test
    void logsCarryIdsButNoPersonalData() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-2");

        String logs = system.logs.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"correlationId\":\"w-1\""));
        assertFalse(logs.contains("anna"), logs);
        assertFalse(logs.contains("1234567"), logs);
        assertFalse(logs.contains(WebhookTestSystem.SECRET), logs);
    }

    @Test
    void customerRedactionRemovesTheirPersonalData() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("orders/cancelled", WebhookTestSystem.body("orders-cancelled"), "w-2");
        system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-3");

        var response = system.deliver("customers/redact", WebhookTestSystem.body("customers-redact").put("shop_domain", system.shop.value()), "w-4");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(2, system.json(response).path("count").asInt());
        for (String id : List.of("5001001", "5001002")) {
            Order order = stored(id);
            assertNull(order.customer().email());
            assertNull(order.customer().phone());
            assertNull(order.customer().firstName());
            assertNull(order.customer().customerId());
            assertTrue(order.redactedAt() != null);
        }
        assertTrue(system.orders.findByContact(system.shop, "anna.beispiel@example.com", "+49 30 1234567").isEmpty());
        assertTrue(system.exports.find(system.shop, "3301", Instant.now()).isEmpty(), "the customer's export is deleted too");
    }

    @Test
    void redactedOrderDoesNotTakePersonalDataBackFromALateUpdate() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("customers/redact", WebhookTestSystem.body("customers-redact").put("shop_domain", system.shop.value()), "w-2");

        system.deliver("orders/updated", WebhookTestSystem.body("orders-updated"), "w-3");

        Order order = stored("5001001");
        assertEquals(Instant.parse("2026-11-23T10:40:00Z"), order.updatedAt());
        assertNull(order.customer().email());
    }

    @Test
    void dataRequestProducesAnExportOfEverythingStoredAboutTheCustomer() throws Exception {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("fulfillments/create", WebhookTestSystem.body("fulfillments-create"), "w-2");

        var response = system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-3");

        assertEquals("exported", system.json(response).path("status").asText());
        var export = WebhookTestSystem.JSON.readTree(system.exports.find(system.shop, "3301", Instant.now()).orElseThrow());
        assertEquals("3301", export.path("data_request_id").asText());
        assertEquals(1, export.path("orders").size());
        assertEquals("anna.beispiel@example.com", export.path("orders").get(0).path("customer").path("email").asText());
        assertEquals("DHL", export.path("orders").get(0).path("fulfillments").get(0).path("tracking_company").asText());
    }

    @Test
    void shopRedactionDeletesEverythingOfTheShop() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        system.deliver("orders/cancelled", WebhookTestSystem.body("orders-cancelled"), "w-2");
        system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-3");
        var other = new WebhookTestSystem();
        other.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");

        var response = system.deliver("shop/redact", WebhookTestSystem.body("shop-redact").put("shop_domain", system.shop.value()), "w-4");

        assertEquals("deleted", system.json(response).path("status").asText());
        assertEquals(1, system.storedItems(), "only the receipt of the shop/redact remains, so a replay deletes nothing new");
        assertTrue(system.orders.receiptExists(system.shop, "w-4"));
        assertEquals(2, other.storedItems(), "another shop's data stays");
    }

    @Test
    void complianceRequestForAnotherShopIsRefused() {
        var response = system.deliver("shop/redact", WebhookTestSystem.body("shop-redact").put("shop_domain", "other.myshopify.com"), "w-1");

        assertEquals(400, response.getStatusCode());
        assertEquals("body.shop_domain: does not match the X-Shopify-Shop-Domain header", system.json(response).path("error").asText());
    }

    /** This shop's entries in the sparse DelayDue index: order sort key → due time. */
    private java.util.Map<String, String> delayDue() {
        java.util.Map<String, String> due = new java.util.TreeMap<>();
        system.client.query(q -> q.tableName(WebhookTestSystem.TABLE).indexName(dev.promptly.aws.dynamodb.PromptlyTable.DELAY_DUE)
                        .keyConditionExpression("delayDueShard = :s")
                        .expressionAttributeValues(java.util.Map.of(":s", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DELAY"))))
                .items().stream().filter(i -> i.get("pk").s().equals(system.shop.value()))
                .forEach(i -> due.put(i.get("sk").s(), i.get("delayDueAt").s()));
        return due;
    }

    @Test
    void anOpenOrderWaitsInTheDelayIndexUntilItsShippingPromiseAndLeavesItWhenCancelled() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "d-1");

        var due = delayDue();
        assertEquals(java.util.Set.of("ORDER#5001001"), due.keySet());
        // Ordered Monday 2026-11-23; the test shop opens on Mondays only: two business days are Nov 30 and
        // Dec 7, and the promise holds until the end of Dec 7 in Berlin.
        assertEquals("2026-12-07T23:00:00.000000000Z", due.get("ORDER#5001001"));

        var cancellation = WebhookTestSystem.body("orders-cancelled").put("id", 5001001).put("name", "#1001");
        system.deliver("orders/cancelled", cancellation, "d-2");

        assertEquals(java.util.Map.of(), delayDue(), "a cancelled order needs no more checks");
    }
}
