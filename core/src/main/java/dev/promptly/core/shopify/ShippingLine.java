package dev.promptly.core.shopify;

/** A shipping method the customer chose; {@code code} may be null. */
public record ShippingLine(String title, String code) {
}
