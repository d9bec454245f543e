package dev.promptly.core.shopify;

import java.util.Objects;

/** A {@code fulfillments/create} or {@code fulfillments/update} payload: one shipment of one order. */
public record FulfillmentUpdate(String orderId, Fulfillment fulfillment) {
    public FulfillmentUpdate {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(fulfillment, "fulfillment");
        if (fulfillment.updatedAt() == null) {
            throw new IllegalArgumentException("a fulfillment payload always carries updated_at");
        }
    }
}
