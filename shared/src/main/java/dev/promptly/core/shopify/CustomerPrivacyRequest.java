package dev.promptly.core.shopify;

import dev.promptly.core.ShopDomain;
import java.util.List;
import java.util.Objects;

/**
 * A {@code customers/redact} or {@code customers/data_request} payload: whose data, identified by
 * Shopify's customer id, e-mail and phone (any may be null), and the orders Shopify names explicitly.
 * {@code requestId} is the data request's id, null for a redaction.
 */
public record CustomerPrivacyRequest(
        ShopDomain shop, String requestId, String customerId, String email, String phone, List<String> orderIds) {
    public CustomerPrivacyRequest {
        Objects.requireNonNull(shop, "shop");
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    }
}
