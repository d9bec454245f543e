package dev.promptly.core.message;

import dev.promptly.core.HmacSha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code X-Promptly-Signature} of {@code POST /messages}: {@code sha256=<hex HMAC-SHA256 of the raw
 * body with the shop's messages secret>}. Compared in constant time.
 */
public final class MessageSignature {
    private static final String PREFIX = "sha256=";

    private MessageSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(HmacSha256.of(secret, body));
    }

    public static boolean matches(String header, byte[] body, String secret) {
        if (header == null) {
            return false;
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(value.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(presented, HmacSha256.of(secret, body));
    }
}
