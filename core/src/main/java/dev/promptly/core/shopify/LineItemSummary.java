package dev.promptly.core.shopify;

import java.util.Objects;

/** One ordered product as a reply would mention it. */
public record LineItemSummary(String title, int quantity, String sku) {
    public LineItemSummary {
        Objects.requireNonNull(title, "title");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0");
        }
    }
}
