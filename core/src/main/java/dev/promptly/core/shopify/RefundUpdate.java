package dev.promptly.core.shopify;

import java.util.Objects;

/** A {@code refunds/create} payload: one refund of one order. */
public record RefundUpdate(String orderId, Refund refund) {
    public RefundUpdate {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(refund, "refund");
    }
}
