package dev.promptly.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The identity of a team reply on a conversation, the same however it reaches Promptly (a helpdesk's
 * webhook, a mail copy of the reply): SHA-256 over the conversation id and the reply's text normalised —
 * HTML tags dropped, quoted lines ({@code >}) and everything from a quote header on cut, Unicode NFKC,
 * lower-case, whitespace collapsed. So the same reply counts once, and Promptly recognises its own
 * automatic replies when a helpdesk shows them back. Pure; thread-safe.
 */
public final class ReplyFingerprint {
    /** Long enough to tell replies apart; a reply's signature and quotes beyond it do not matter. */
    private static final int MAX_NORMALISED = 4000;

    private ReplyFingerprint() {
    }

    /** The fingerprint of {@code text} replied on {@code conversation}, as 64 hex digits. */
    public static String of(ConversationId conversation, String text) {
        Objects.requireNonNull(conversation, "conversation");
        return sha256(conversation.value() + "\n" + normalise(text));
    }

    /** The reply's text as compared: see the class comment. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String plain = text.length() > 4 * MAX_NORMALISED ? text.substring(0, 4 * MAX_NORMALISED) : text;
        plain = plain.replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]{0,500}>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        StringBuilder kept = new StringBuilder();
        for (String line : plain.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(">")) {
                continue;
            }
            // "On Mon, ... wrote:" / "Am ... schrieb ...:" starts the quoted original: the reply ends there.
            if (trimmed.matches("(?i)(on|am) .{0,200}(wrote|schrieb).{0,80}:")) {
                break;
            }
            kept.append(trimmed).append(' ');
        }
        String normalised = Normalizer.normalize(kept.toString(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
        return normalised.length() > MAX_NORMALISED ? normalised.substring(0, MAX_NORMALISED) : normalised;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
