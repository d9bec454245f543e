package dev.promptly.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} checked against the expected token in constant time. */
public final class BearerToken {
    private BearerToken() {
    }

    /** True if {@code authorization} is {@code Bearer <expected>}; false for a missing or other header. */
    public static boolean matches(String authorization, String expected) {
        String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        // MessageDigest.isEqual compares in time independent of where the first difference is.
        return !presented.isEmpty() && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
