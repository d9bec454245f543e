package dev.promptly.core.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Refunds and the order status page from Shopify's payloads: read, merged whatever the delivery order, stored, redacted. */
class OrderRefundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    private static final String STATUS_URL = "https://demo-shop.example/12345/orders/abc/authenticate?key=k";

    private static ObjectNode sample(String name) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "events", "shopify-bodies", name + ".json")));
    }

    private static Order order(String updatedAt) throws Exception {
        ObjectNode body = sample("orders-create");
        body.put("updated_at", updatedAt);
        body.put("order_status_url", STATUS_URL);
        return ShopifyPayloads.order(SHOP, body);
    }

    @Test
    void aRefundsCreateBodyGivesTheSumOfItsSuccessfulRefundTransactions() throws Exception {
        ObjectNode body = sample("refunds-create");
        body.withArray("transactions").addObject().put("kind", "refund").put("status", "pending").put("amount", "5.00").put("currency", "EUR");
        body.withArray("transactions").addObject().put("kind", "refund").put("status", "success").put("amount", "0.10").put("currency", "EUR");

        RefundUpdate update = ShopifyPayloads.refundUpdate(body);

        assertEquals("5001001", update.orderId());
        assertEquals(new Refund("9101", Instant.parse("2026-11-25T13:00:00Z"), new BigDecimal("10.00"), "EUR"), update.refund());
    }

    @Test
    void aRefundWithoutMoneyMovedHasNoAmount() throws Exception {
        ObjectNode body = sample("refunds-create");
        body.putArray("transactions");

        assertNull(ShopifyPayloads.refundUpdate(body).refund().amount());
    }

    @Test
    void anUnreadableAmountIsRefusedNamingItsPath() throws Exception {
        ObjectNode body = sample("refunds-create");
        ((ObjectNode) body.withArray("transactions").get(0)).put("amount", "9,90");

        var problem = assertThrows(InvalidInputException.class, () -> ShopifyPayloads.refundUpdate(body));

        assertEquals("body.transactions[0].amount", problem.field());
    }

    @Test
    void aStatusPageThatIsNotHttpsIsRefused() throws Exception {
        ObjectNode body = sample("orders-create");
        body.put("order_status_url", "javascript:alert(1)");

        var problem = assertThrows(InvalidInputException.class, () -> ShopifyPayloads.order(SHOP, body));

        assertEquals("body.order_status_url", problem.field());
    }

    @Test
    void aRefundThatCameBeforeItsOrderSurvivesTheOrderPayloadWithoutIt() throws Exception {
        RefundUpdate refund = ShopifyPayloads.refundUpdate(sample("refunds-create"));

        Order placeholder = OrderUpdates.applyRefund(Optional.empty(), SHOP, refund).next();
        Order merged = OrderUpdates.applyOrder(Optional.of(placeholder), order("2026-11-23T09:15:02+01:00")).next();

        assertEquals(List.of(refund.refund()), merged.refunds());
        assertEquals(STATUS_URL, merged.statusUrl());
    }

    @Test
    void aRedeliveredRefundChangesNothingAndRefundsStayInTheOrderIssued() throws Exception {
        Order order = order("2026-11-23T09:15:02+01:00");
        var later = new RefundUpdate(order.orderId(), new Refund("2", Instant.parse("2026-11-27T10:00:00Z"), BigDecimal.ONE, "EUR"));
        var earlier = new RefundUpdate(order.orderId(), new Refund("9", Instant.parse("2026-11-25T10:00:00Z"), BigDecimal.TEN, "EUR"));

        Order both = OrderUpdates.applyRefund(Optional.of(OrderUpdates.applyRefund(Optional.of(order), SHOP, later).next()), SHOP, earlier).next();
        OrderChange again = OrderUpdates.applyRefund(Optional.of(both), SHOP, later);

        assertEquals(List.of("9", "2"), both.refunds().stream().map(Refund::refundId).toList());
        assertEquals(OrderChange.Outcome.UNCHANGED, again.outcome());
    }

    @Test
    void storedOrdersKeepRefundsAndStatusPageAndRedactionDropsThePage() throws Exception {
        Order order = OrderUpdates.applyRefund(Optional.of(order("2026-11-23T09:15:02+01:00")), SHOP,
                ShopifyPayloads.refundUpdate(sample("refunds-create"))).next();

        Order stored = OrderDocument.fromJson(OrderDocument.toJson(order));

        assertEquals(order, stored);
        assertNull(stored.redacted(Instant.parse("2026-12-01T00:00:00Z")).statusUrl());
    }
}
