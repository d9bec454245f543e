package dev.promptly.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptly.testing.FaultInjector.Phase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A DynamoDB failure while a webhook's order change is written — before the write or after it (applied,
 * unconfirmed) — then Shopify's retry of the same delivery: the change is applied once, nothing lost.
 */
class WebhookFaultsTest {
    private final WebhookTestSystem system = new WebhookTestSystem();

    @Test
    void anOrderWriteThatFailsIsAppliedOnceWhenShopifyRetries() {
        system.faults.failNext("TransactWriteItems", Phase.BEFORE);
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-fault-1");
        assertThrows(SdkClientException.class, () -> system.handler.handleRequest(event, null), "Shopify sees a 500 and retries");
        assertEquals(0, system.storedItems(), "nothing half-written");

        var retry = system.handler.handleRequest(event, null);

        assertEquals(200, retry.getStatusCode());
        assertEquals("applied", system.json(retry).path("status").asText());
        assertEquals(1L, system.orders.load(system.shop, "5001001").orElseThrow().version());
    }

    @Test
    void anOrderWriteAppliedButNeverConfirmedIsNotAppliedAgainWhenShopifyRetries() {
        system.faults.failNext("TransactWriteItems", Phase.AFTER);
        var event = system.signed("orders/create", WebhookTestSystem.body("orders-create"), "w-fault-2");
        assertThrows(SdkClientException.class, () -> system.handler.handleRequest(event, null));

        var retry = system.handler.handleRequest(event, null);

        assertEquals(200, retry.getStatusCode());
        assertEquals("duplicate", system.json(retry).path("status").asText());
        assertEquals(1L, system.orders.load(system.shop, "5001001").orElseThrow().version());
        assertEquals(2, system.storedItems(), "one order and one webhook receipt");
    }
}
