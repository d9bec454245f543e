package dev.promptly.helpdesk;

import dev.promptly.core.error.WebhookSignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signature schemes of the helpdesks' webhooks, compared in constant time. */
final class WebhookSignatures {
    /** The header Gorgias' HTTP integration and Freshdesk's webhook action send, with the shop's webhook secret. */
    static final String SECRET_HEADER = "x-promptly-helpdesk-secret";

    private WebhookSignatures() {
    }

    static String base64Hmac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Throws unless {@code presented} equals {@code expected}, in time independent of where they differ. */
    static void require(String presented, String expected, String header) {
        byte[] a = (presented == null ? "" : presented.trim()).getBytes(StandardCharsets.UTF_8);
        byte[] b = expected.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(a, b) || presented == null) {
            throw new WebhookSignatureException(header + ": does not match this shop's helpdesk webhook secret");
        }
    }

    /** The per-shop secret header of HTTP actions that cannot sign (Gorgias, Freshdesk). */
    static void requireSecretHeader(Map<String, String> headers, String secret) {
        require(headers.get(SECRET_HEADER), secret, "X-Promptly-Helpdesk-Secret");
    }

    /** A delivery's id when the vendor gives none: the digest of what was signed, the same on every retry. */
    static String digest(String prefix, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body)).substring(0, 40);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
