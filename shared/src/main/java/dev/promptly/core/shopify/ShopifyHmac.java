package dev.promptly.core.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw
 * request body keyed with the app's secret. Stateless and thread-safe.
 */
public final class ShopifyHmac {
    private static final String ALGORITHM = "HmacSHA256";

    private ShopifyHmac() {
    }

    /** The header value Shopify would send for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(digest(secret, body));
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
            any |= MessageDigest.isEqual(presented, digest(secret, body));
        }
        return any;
    }

    private static byte[] digest(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
