package dev.promptly.core.message;

import java.util.Locale;

/**
 * Who wrote a message. At least one of {@code email} and {@code phone} is present; the e-mail address is
 * kept lower-cased so it matches an order's address. Personal data: never logged.
 */
public record Sender(String name, String email, String phone) {
    public Sender {
        name = blankToNull(name);
        email = blankToNull(email) == null ? null : email.trim().toLowerCase(Locale.ROOT);
        phone = blankToNull(phone);
        if (email == null && phone == null) {
            throw new IllegalArgumentException("a sender needs an e-mail address or a phone number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
