package dev.promptly.core.wismo;

import java.util.Objects;

/**
 * How a shop names its orders: Shopify shows order number 1001 as {@code prefix + 1001 + suffix},
 * {@code #1001} unless the shop changed its order ID format (e.g. {@code DS-1001-X}). Customers copy the
 * name from their confirmation, so the detector recognises it, and the order is looked up by it.
 *
 * @param prefix text before the number, may be empty; at most {@value #MAX_LENGTH} characters
 * @param suffix text after the number, may be empty; at most {@value #MAX_LENGTH} characters
 */
public record OrderNameFormat(String prefix, String suffix) {
    /** Shopify's default: {@code #1001}. */
    public static final OrderNameFormat SHOPIFY_DEFAULT = new OrderNameFormat("#", "");
    /** Shopify's limit for the order ID prefix and suffix. */
    public static final int MAX_LENGTH = 20;

    /**
     * @throws IllegalArgumentException when either part is longer than {@value #MAX_LENGTH} characters or
     *     holds white space or control characters, which would make the name ambiguous in running text
     */
    public OrderNameFormat {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        check("prefix", prefix);
        check("suffix", suffix);
    }

    /** The shop's name for an order number, e.g. {@code "#1001"} for {@code "1001"}. */
    public String nameOf(String number) {
        Objects.requireNonNull(number, "number");
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("number: must be digits, such as 1001");
        }
        return prefix + number + suffix;
    }

    private static void check(String part, String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(part + ": at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(part + ": must not contain spaces or control characters");
        }
    }
}
