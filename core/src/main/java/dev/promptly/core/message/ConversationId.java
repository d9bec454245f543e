package dev.promptly.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation's id: ten Crockford base-32 characters derived from the shop and the message that
 * opened it, so a retried first message yields the same id. The customer sees it as the ticket
 * reference {@code PR-<id>}, which threads a reply that has lost its mail headers.
 */
public record ConversationId(String value) {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern VALUE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{10}");
    private static final Pattern IN_TEXT = Pattern.compile("(?i)\\bPR-([0-9A-HJKMNP-TV-Z]{10})\\b");

    public ConversationId {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("a conversation id is ten Crockford base-32 characters");
        }
    }

    /** The id of the conversation opened by {@code messageId} in {@code shop}. */
    public static ConversationId derive(String shop, String messageId) {
        byte[] hash = sha256(shop + "\n" + messageId);
        StringBuilder id = new StringBuilder(10);
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt((int) ((bits >>> (51 - 5 * i)) & 31)));
        }
        return new ConversationId(id.toString());
    }

    /** Reads an id given by a client, as the id itself or as a ticket reference. */
    public static Optional<ConversationId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String candidate = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (candidate.startsWith("PR-")) {
            candidate = candidate.substring(3);
        }
        return VALUE.matcher(candidate).matches() ? Optional.of(new ConversationId(candidate)) : Optional.empty();
    }

    /** The first ticket reference in a subject or text, e.g. {@code Re: [PR-7K3M9QX2AB] Lieferung}. */
    public static Optional<ConversationId> findTicket(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(text);
        return m.find() ? Optional.of(new ConversationId(m.group(1).toUpperCase(java.util.Locale.ROOT))) : Optional.empty();
    }

    public String ticket() {
        return "PR-" + value;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
