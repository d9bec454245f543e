package dev.promptly.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

    /** An order of Anna's with 200 line items whose titles are 1000 random letters (so compression cannot shrink them much). */
    private static ObjectNode bigOrder(long id, long seed) {
        ObjectNode order = WebhookTestSystem.body("orders-create").put("id", id).put("name", "#" + id);
        var items = order.putArray("line_items");
        var random = new java.util.Random(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder title = new StringBuilder();
            for (int c = 0; c < 1000; c++) {
                title.append((char) ('a' + random.nextInt(26)));
            }
            items.addObject().put("id", i + 1).put("title", title.toString()).put("quantity", 1);
        }
        return order;
    }

    private int exportItems() {
        return system.client.query(q -> q.tableName(WebhookTestSystem.TABLE).keyConditionExpression("pk = :s AND begins_with(sk, :p)")
                .expressionAttributeValues(java.util.Map.of(":s", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(system.shop.value()),
                        ":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EXPORT#")))).count();
    }

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
    void eventBridgeSnapStartPrimingReadsOnceWritesNothingAndLogsNothing() throws Exception {
        var logs = new ByteArrayOutputStream();
        var handler = new ShopifyEventBridgeHandler(system.intake, new JsonLog("test", new PrintStream(logs, true, StandardCharsets.UTF_8), system.clock));

        handler.beforeCheckpoint(null);

        assertEquals(1, system.count("GetItem"));
        assertEquals(0, system.writeCalls());
        assertEquals(0, system.storedItems());
        assertEquals("", logs.toString(StandardCharsets.UTF_8));
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
        assertTrue(system.exports.find(system.shop, "3301", system.clock.instant()).isEmpty(), "the customer's export is deleted too");
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
        var export = WebhookTestSystem.JSON.readTree(system.exports.find(system.shop, "3301", system.clock.instant()).orElseThrow());
        assertEquals("3301", export.path("data_request_id").asText());
        assertEquals(1, export.path("orders").size());
        assertEquals("anna.beispiel@example.com", export.path("orders").get(0).path("customer").path("email").asText());
        assertEquals("DHL", export.path("orders").get(0).path("fulfillments").get(0).path("tracking_company").asText());
    }

    /**
     * Anna's order #1001 (customer 7001) plus: Bea's order #1009 (customer 7002) shipped to Anna's phone,
     * Bea's order #1010 that gives Anna's address as its contact, and a guest order #1011 from Anna's address.
     */
    private void storeOrdersSharingAnnasContacts() {
        system.deliver("orders/create", WebhookTestSystem.body("orders-create"), "w-1");
        var shippedToAnnasPhone = WebhookTestSystem.body("orders-create").put("id", 5009001).put("name", "#1009")
                .put("email", "bea.other@example.org").put("phone", (String) null);
        shippedToAnnasPhone.putObject("customer").put("id", 7002).put("email", "bea.other@example.org").put("first_name", "Bea");
        system.deliver("orders/create", shippedToAnnasPhone, "w-2");
        var withAnnasAddress = WebhookTestSystem.body("orders-create").put("id", 5009002).put("name", "#1010").put("phone", (String) null);
        withAnnasAddress.putObject("customer").put("id", 7002).put("email", "bea.other@example.org").put("first_name", "Bea");
        withAnnasAddress.putObject("shipping_address").put("first_name", "Bea").put("city", "Hamburg");
        system.deliver("orders/create", withAnnasAddress, "w-3");
        var guest = WebhookTestSystem.body("orders-create").put("id", 5009003).put("name", "#1011").put("phone", (String) null);
        guest.remove("customer");
        guest.remove("shipping_address");
        system.deliver("orders/create", guest, "w-4");
    }

    @Test
    void aDataRequestExportsNoOrderOfAnotherCustomerWithTheSamePhoneOrAddress() throws Exception {
        storeOrdersSharingAnnasContacts();

        system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-5");

        var export = WebhookTestSystem.JSON.readTree(system.exports.find(system.shop, "3301", system.clock.instant()).orElseThrow());
        List<String> exported = new java.util.ArrayList<>();
        export.path("orders").forEach(o -> exported.add(o.path("name").asText()));
        assertEquals(List.of("#1001", "#1011"), exported.stream().sorted().toList(), "Anna's own order and her guest order only");
    }

    @Test
    void aRedactionLeavesAnotherCustomersOrderWithTheSamePhoneAlone() {
        storeOrdersSharingAnnasContacts();

        var response = system.deliver("customers/redact", WebhookTestSystem.body("customers-redact").put("shop_domain", system.shop.value()), "w-5");

        assertEquals(2, system.json(response).path("count").asInt(), response.getBody());
        assertNull(stored("5001001").customer().email());
        assertNull(stored("5009003").customer().email());
        assertEquals("7002", stored("5009001").customer().customerId());
        assertEquals("+49 30 1234567", stored("5009001").customer().phone());
        assertNull(stored("5009001").redactedAt());
        assertEquals("anna.beispiel@example.com", stored("5009002").customer().email(), "Bea's order, whatever address it gives");
    }

    @Test
    void anExportOverOneMegabyteIsStoredInPartsAndARedeliveryReplacesItWithoutLeftovers() throws Exception {
        // Eight orders of 200 line items with hard-to-compress titles: the export is about 1.7 MB of JSON and
        // still about 1 MB compressed, more than two DynamoDB items can hold.
        for (int n = 0; n < 8; n++) {
            assertEquals(200, system.deliver("orders/create", bigOrder(5002000 + n, n), "w-order-" + n).getStatusCode());
        }
        ObjectNode request = WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value());

        var first = system.deliver("customers/data_request", request, "w-export");
        // The same request delivered again under another webhook id (the first id is deduplicated).
        var redelivered = system.deliver("customers/data_request", request, "w-export-again");

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(200, redelivered.getStatusCode(), redelivered.getBody());
        assertEquals("exported", system.json(redelivered).path("status").asText());
        String json = system.exports.find(system.shop, "3301", system.clock.instant()).orElseThrow();
        assertTrue(json.length() > 1_000_000, "export of " + json.length() + " characters");
        var export = WebhookTestSystem.JSON.readTree(json);
        assertEquals(8, export.path("orders").size());
        assertEquals(200, export.path("orders").get(7).path("line_items").size());
        var head = system.client.getItem(r -> r.tableName(WebhookTestSystem.TABLE).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(system.shop.value()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EXPORT#3301")))).item();
        int parts = Integer.parseInt(head.get("parts").n());
        assertTrue(parts >= 3, parts + " parts");
        var stored = system.client.query(q -> q.tableName(WebhookTestSystem.TABLE).keyConditionExpression("pk = :s AND begins_with(sk, :p)")
                .expressionAttributeValues(java.util.Map.of(":s", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(system.shop.value()),
                        ":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EXPORT#3301#")))).items();
        assertEquals(parts, stored.size(), "only the parts of the current export remain");
        assertTrue(stored.stream().allMatch(item -> item.get("sk").s().startsWith("EXPORT#3301#" + head.get("generation").s() + "#")));
        assertTrue(stored.stream().allMatch(item -> item.get("docGzip").b().asByteArray().length <= 350_000));
    }

    @Test
    void anOverlappingDeliveryThatLandsFirstKeepsItsPartsWhenTheEarlierOneCleansUp() {
        String earlier = randomJson(1);
        String later = randomJson(2);
        Instant startedFirst = Instant.parse("2026-11-27T10:00:00Z");
        // The earlier delivery has written its parts and head; before it reads the head back to delete
        // older parts, a redelivery (started later) writes its own parts and head.
        system.onceBefore.put("GetItem", () -> system.exports.put(system.shop, "3301", "7001", later, startedFirst.plusSeconds(1), 30));

        system.exports.put(system.shop, "3301", "7001", earlier, startedFirst, 30);

        assertEquals(later, system.exports.find(system.shop, "3301", startedFirst.plusSeconds(2)).orElseThrow());
        assertEquals(3, exportItems(), "the head and the later delivery's two parts");
    }

    /** A JSON string of 700,000 random letters: about 410 KB gzip-compressed, two parts. */
    private static String randomJson(long seed) {
        var random = new java.util.Random(seed);
        StringBuilder text = new StringBuilder("{\"text\": \"");
        for (int i = 0; i < 700_000; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.append("\"}").toString();
    }

    @Test
    void aRedactionDeletesEveryPartOfTheCustomersLargeExport() {
        for (int n = 0; n < 4; n++) {
            system.deliver("orders/create", bigOrder(5002000 + n, n), "w-order-" + n);
        }
        system.deliver("customers/data_request", WebhookTestSystem.body("customers-data-request").put("shop_domain", system.shop.value()), "w-2");
        int before = exportItems();

        system.deliver("customers/redact", WebhookTestSystem.body("customers-redact").put("shop_domain", system.shop.value()), "w-3");

        assertTrue(before >= 3, before + " export items: a head and its parts");
        assertTrue(system.exports.find(system.shop, "3301", system.clock.instant()).isEmpty());
        assertEquals(0, exportItems());
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
