package dev.promptly.core.csat;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens of survey links: {@code <payload>.<mac>}, both unpadded URL-safe base64
 * (RFC 4648 section 5), where the payload is {@code v1|<shop>|<conversation id>|<rating>|<expiry epoch seconds>}
 * and the MAC is HMAC-SHA256 (RFC 2104) of the payload's base64 text under the shop's secret. The MAC is
 * compared in constant time and checked before the expiry, so a forged token learns nothing from the answer.
 * Stateless and thread-safe; the secret is looked up per shop and never part of the token.
 */
public final class CsatTokens {
    /** Far above a real token (about 120 characters), so parsing stays cheap for any input. */
    public static final int MAX_LENGTH = 512;
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private CsatTokens() {
    }

    /** What checking a presented token found. */
    public sealed interface Check {
        /** A token we signed, still valid. */
        record Valid(CsatToken token) implements Check {
        }

        /** A token we signed whose time is over. */
        record Expired(CsatToken token) implements Check {
        }

        /** Not a token we signed: malformed, altered, or of a shop without surveys. */
        record Invalid() implements Check {
        }
    }

    /** The link token for {@code token}, signed with {@code secret}. */
    public static String sign(CsatToken token, String secret) {
        String payload = ENCODER.encodeToString(String.join("|", VERSION, token.shop().value(), token.conversation().value(),
                Integer.toString(token.rating()), Long.toString(token.expiresAt().getEpochSecond())).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(mac(payload, secret));
    }

    /**
     * Checks {@code raw} at {@code now}; {@code secrets} gives a shop's secret (empty: the shop sends no surveys,
     * and every token of it is invalid).
     */
    public static Check check(String raw, Function<ShopDomain, Optional<String>> secrets, Instant now) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
            return new Check.Invalid();
        }
        int dot = raw.indexOf('.');
        if (dot <= 0 || dot != raw.lastIndexOf('.')) {
            return new Check.Invalid();
        }
        String payload = raw.substring(0, dot);
        Optional<CsatToken> token;
        byte[] presented;
        try {
            presented = DECODER.decode(raw.substring(dot + 1));
            token = parse(new String(DECODER.decode(payload), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return new Check.Invalid();
        }
        Optional<String> secret = token.flatMap(t -> secrets.apply(t.shop()));
        if (secret.isEmpty()) {
            return new Check.Invalid();
        }
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        if (!MessageDigest.isEqual(presented, mac(payload, secret.get()))) {
            return new Check.Invalid();
        }
        return now.isBefore(token.get().expiresAt()) ? new Check.Valid(token.get()) : new Check.Expired(token.get());
    }

    private static Optional<CsatToken> parse(String payload) {
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 5 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            Optional<ConversationId> conversation = ConversationId.parse(fields[2]).filter(id -> id.value().equals(fields[2]));
            int rating = Integer.parseInt(fields[3]);
            if (conversation.isEmpty() || rating < CsatToken.LOWEST || rating > CsatToken.HIGHEST || !fields[4].matches("[0-9]{1,12}")) {
                return Optional.empty();
            }
            return Optional.of(new CsatToken(new ShopDomain(fields[1]), conversation.get(), rating,
                    Instant.ofEpochSecond(Long.parseLong(fields[4]))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
