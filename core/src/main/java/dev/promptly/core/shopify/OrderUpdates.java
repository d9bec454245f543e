package dev.promptly.core.shopify;

import dev.promptly.core.ShopDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How webhooks change an order, given that Shopify delivers them at least once and in any order.
 *
 * <ul>
 *   <li>Order-level fields follow the order's {@code updated_at}: a payload older than the stored one is
 *       ignored; an equal one is applied again (it cannot change anything).</li>
 *   <li>Each fulfillment's own fields follow that fulfillment's {@code updated_at}, so an old order
 *       payload cannot roll back a newer {@code fulfillments/update}.</li>
 *   <li>Tracking-event fields follow the event's {@code happened_at}, so the latest carrier scan wins
 *       whatever arrives last.</li>
 *   <li>Refunds are only ever added ({@code refunds/create} and the order payload's {@code refunds}, by
 *       refund id), so a refund that arrived alone survives an older order payload without it.</li>
 *   <li>A redacted order never takes personal data back from a late delivery.</li>
 * </ul>
 * Pure functions: no I/O, no clock.
 */
public final class OrderUpdates {
    private OrderUpdates() {
    }

    public static OrderChange applyOrder(Optional<Order> stored, Order incoming) {
        if (stored.isEmpty()) {
            return new OrderChange(OrderChange.Outcome.APPLIED, incoming);
        }
        Order current = stored.get();
        if (current.updatedAt() != null && incoming.updatedAt().isBefore(current.updatedAt())) {
            return new OrderChange(OrderChange.Outcome.STALE, current);
        }
        List<Fulfillment> fulfillments = new ArrayList<>(current.fulfillments());
        Order merged = new Order(current.shop(), current.orderId(), incoming.name(), incoming.createdAt(),
                incoming.updatedAt(), incoming.financialStatus(), incoming.fulfillmentStatus(), incoming.cancelledAt(),
                incoming.cancelReason(), incoming.closedAt(),
                current.redactedAt() != null ? incoming.customer().redacted() : incoming.customer(),
                incoming.shippingCountry(), incoming.shippingLines(), incoming.lineItems(), incoming.totalPrice(),
                incoming.currency(), fulfillments, current.redactedAt(), current.refunds(),
                current.redactedAt() != null ? null : incoming.statusUrl());
        for (Fulfillment f : incoming.fulfillments()) {
            merged = merged.withFulfillment(merged.fulfillment(f.fulfillmentId()).map(known -> known.mergedWith(f)).orElse(f));
        }
        for (Refund refund : incoming.refunds()) {
            merged = merged.withRefund(refund);
        }
        return changeFrom(current, merged);
    }

    public static OrderChange applyFulfillment(Optional<Order> stored, ShopDomain shop, FulfillmentUpdate update) {
        Order current = stored.orElseGet(() -> Order.placeholder(shop, update.orderId()));
        Fulfillment incoming = update.fulfillment();
        Optional<Fulfillment> known = current.fulfillment(incoming.fulfillmentId());
        if (known.isPresent() && known.get().updatedAt() != null
                && incoming.updatedAt().isBefore(known.get().updatedAt())) {
            return new OrderChange(OrderChange.Outcome.STALE, current);
        }
        Order next = current.withFulfillment(known.map(k -> k.mergedWith(incoming)).orElse(incoming));
        return stored.isEmpty() ? new OrderChange(OrderChange.Outcome.APPLIED, next) : changeFrom(current, next);
    }

    public static OrderChange applyEvent(Optional<Order> stored, ShopDomain shop, FulfillmentEventUpdate update) {
        Order current = stored.orElseGet(() -> Order.placeholder(shop, update.orderId()));
        Optional<Fulfillment> known = current.fulfillment(update.fulfillmentId());
        if (known.isPresent() && !update.event().isAfter(known.get().latestEvent())) {
            return new OrderChange(OrderChange.Outcome.STALE, current);
        }
        Fulfillment next = known
                .map(k -> k.withEvent(update.event(), update.estimatedDeliveryAt()))
                .orElseGet(() -> Fulfillment.fromEventOnly(update.fulfillmentId(), update.event(), update.estimatedDeliveryAt()));
        Order nextOrder = current.withFulfillment(next);
        return stored.isEmpty() ? new OrderChange(OrderChange.Outcome.APPLIED, nextOrder) : changeFrom(current, nextOrder);
    }

    /** A {@code refunds/create}: the refund joins the order, stored or (when it came first) a placeholder. */
    public static OrderChange applyRefund(Optional<Order> stored, ShopDomain shop, RefundUpdate update) {
        Order current = stored.orElseGet(() -> Order.placeholder(shop, update.orderId()));
        Order next = current.withRefund(update.refund());
        return stored.isEmpty() ? new OrderChange(OrderChange.Outcome.APPLIED, next) : changeFrom(current, next);
    }

    private static OrderChange changeFrom(Order current, Order next) {
        return new OrderChange(next.equals(current) ? OrderChange.Outcome.UNCHANGED : OrderChange.Outcome.APPLIED, next);
    }
}
