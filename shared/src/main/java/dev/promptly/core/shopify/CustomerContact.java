package dev.promptly.core.shopify;

/**
 * Personal data of an order's customer: the only fields a redaction must clear. Any field may be null.
 * {@code locale} is Shopify's {@code customer_locale}, e.g. {@code de} or {@code en-US}.
 */
public record CustomerContact(String customerId, String email, String phone, String firstName, String locale) {
    public static final CustomerContact NONE = new CustomerContact(null, null, null, null, null);

    /** The contact with every personal field removed; the locale stays, it identifies no one. */
    public CustomerContact redacted() {
        return new CustomerContact(null, null, null, null, locale);
    }
}
