package dev.promptly.core.shopify;

import java.util.List;

/**
 * Personal data of an order's customer: the only fields a redaction must clear. Any field may be null.
 * {@code locale} is Shopify's {@code customer_locale}, e.g. {@code de} or {@code en-US}. {@code tags} are
 * the customer's tags in Shopify (e.g. {@code VIP}), which SLA policies may match on; never null.
 */
public record CustomerContact(String customerId, String email, String phone, String firstName, String locale, List<String> tags) {
    public static final CustomerContact NONE = new CustomerContact(null, null, null, null, null);

    public CustomerContact {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A contact without customer tags. */
    public CustomerContact(String customerId, String email, String phone, String firstName, String locale) {
        this(customerId, email, phone, firstName, locale, List.of());
    }

    /** The contact with every personal field removed; the locale stays, it identifies no one. */
    public CustomerContact redacted() {
        return new CustomerContact(null, null, null, null, locale);
    }
}
