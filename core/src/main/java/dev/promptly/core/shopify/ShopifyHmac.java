package dev.promptly.core.shopify;

import dev.promptly.core.HmacSha256;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw
 * request body keyed with the app's secret. Stateless and thread-safe.
 */
public final class ShopifyHmac {
    private ShopifyHmac() {
    }

    /** The header value Shopify would send for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(HmacSha256.of(secret, body));
    }

    /**
     * Whether {@code header} is the signature of {@code body} under any of {@code secrets} (current and
     * previous, for rotation). The comparison takes the same time wherever the bytes differ.
     */
    public static boolean matches(String header, byte[] body, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean any = false;
        // Check every secret, not just until the first match, so timing does not reveal which one matched.
        for (String secret : secrets) {
            any |= MessageDigest.isEqual(presented, HmacSha256.of(secret, body));
        }
        return any;
    }
}
