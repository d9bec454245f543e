package dev.promptly.core;

import dev.promptly.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A shop's permanent Shopify domain, e.g. {@code acme.myshopify.com}: the key of everything Promptly
 * stores for that shop. Always lower case.
 */
public record ShopDomain(String value) {
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    public ShopDomain {
        if (value == null || value.length() > 255 || !HOST.matcher(value).matches()) {
            throw new IllegalArgumentException("shop domain must be a lower-case host name such as acme.myshopify.com");
        }
    }

    /**
     * Parses a domain received from outside (a header or a payload field).
     *
     * @throws InvalidInputException naming {@code field} when it is missing or not a host name
     */
    public static ShopDomain parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String normalised = raw.trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > 255 || !HOST.matcher(normalised).matches()) {
            throw new InvalidInputException(field, "must be a shop domain such as acme.myshopify.com");
        }
        return new ShopDomain(normalised);
    }

    /**
     * A shop value received from outside as it may be logged: the domain when it is one, else
     * {@code "invalid"} — a header can carry anything, including someone's e-mail address.
     */
    public static String loggable(String raw) {
        if (raw == null || raw.isBlank()) {
            return "missing";
        }
        String normalised = raw.trim().toLowerCase(Locale.ROOT);
        return normalised.length() <= 255 && HOST.matcher(normalised).matches() ? normalised : "invalid";
    }

    @Override
    public String toString() {
        return value;
    }

    // Written out rather than generated: a record's generated equals and hashCode link through
    // ObjectMethods.bootstrap, which spins about 30 method-handle classes the first time any record's is called,
    // during every function's cold start (the configuration keys its shops by domain). Same semantics.
    @Override
    public boolean equals(Object other) {
        return other instanceof ShopDomain o && value.equals(o.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
