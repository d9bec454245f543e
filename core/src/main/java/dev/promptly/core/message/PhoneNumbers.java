package dev.promptly.core.message;

/**
 * Phone numbers as people type them ("+49 30 1234567", "030/1234567"), reduced to what can be compared.
 */
public final class PhoneNumbers {
    /** Fewer digits than this identify no one (an extension, a typo): they never match. */
    private static final int MIN_DIGITS = 6;

    private PhoneNumbers() {
    }

    /** The digits of {@code phone}, or null when it is missing or too short to identify a person. */
    public static String digits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < MIN_DIGITS ? null : digits;
    }

    /** Whether both name the same number; false when either is missing or too short. */
    public static boolean same(String a, String b) {
        String left = digits(a);
        return left != null && left.equals(digits(b));
    }
}
