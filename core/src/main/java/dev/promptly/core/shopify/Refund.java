package dev.promptly.core.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One refund of an order, as Shopify's REST Refund resource gives it (inside an order payload's
 * {@code refunds}, or alone in {@code refunds/create}): {@code processedAt} is when it was issued
 * ({@code processed_at}, else {@code created_at}); {@code amount} is the sum of its successful
 * {@code refund} transactions in {@code currency}, null when it moved no money yet (a restock only, or a
 * transaction still pending). See https://shopify.dev/docs/api/admin-rest/2025-01/resources/refund.
 */
public record Refund(String refundId, Instant processedAt, BigDecimal amount, String currency) {
    public Refund {
        Objects.requireNonNull(refundId, "refundId");
    }
}
