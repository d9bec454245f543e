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
 * webhook, a mail copy of the reply): SHA-256 over the conversation id and the first
 * {@value #FINGERPRINT_CHARS} characters of the reply's new text normalised — HTML tags dropped, quoted
 * lines ({@code >}) and helpdesk reply markers ({@code ##- … -##}) skipped, everything from a quote header
 * ({@code On … wrote:}, also wrapped over two lines; {@code -----Original Message-----}; Outlook's
 * {@code From:}/{@code Sent:} block or its underscore rule) or a signature delimiter ({@code -- }) on cut,
 * Unicode NFKC, lower-case, whitespace collapsed. Only the start counts so that a footer the helpdesk's
 * mail adds below a long reply does not tell the copies apart. So the same reply counts once, and
 * Promptly recognises its own automatic replies when a helpdesk shows them back. Pure; thread-safe.
 */
public final class ReplyFingerprint {
    /** Long enough to tell replies apart; a reply's signature and quotes beyond it do not matter. */
    private static final int MAX_NORMALISED = 4000;
    /** What a reply's identity is made of: enough to tell replies on one conversation apart. */
    static final int FINGERPRINT_CHARS = 500;

    private ReplyFingerprint() {
    }

    /** The fingerprint of {@code text} replied on {@code conversation}, as 64 hex digits. */
    public static String of(ConversationId conversation, String text) {
        Objects.requireNonNull(conversation, "conversation");
        String normalised = normalise(text);
        return sha256(conversation.value() + "\n"
                + (normalised.length() > FINGERPRINT_CHARS ? normalised.substring(0, FINGERPRINT_CHARS) : normalised));
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
        String[] lines = plain.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
            if (trimmed.startsWith(">") || trimmed.matches("##-.{0,200}-##")) {
                continue;
            }
            if (startsQuoteOrSignature(trimmed, next)) {
                break;
            }
            kept.append(trimmed).append(' ');
        }
        String normalised = Normalizer.normalize(kept.toString(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
        return normalised.length() > MAX_NORMALISED ? normalised.substring(0, MAX_NORMALISED) : normalised;
    }

    /** Whether {@code line} (with the line after it) starts the quoted original or the signature: the reply ends there. */
    private static boolean startsQuoteOrSignature(String line, String next) {
        return line.equals("--") // "-- " stripped: the signature delimiter (RFC 3676, 4.3)
                // "On Mon, ... wrote:" / "Am ... schrieb ...:", on one line or wrapped over two
                || line.matches("(?i)(on|am) .{0,200}(wrote|schrieb).{0,80}:")
                || line.matches("(?i)(on|am) .{0,200}") && next.matches("(?i).{0,200}(wrote|schrieb).{0,80}:")
                || line.matches("(?i)-{3,}\\s*(original message|ursprüngliche nachricht)\\s*-{3,}")
                || line.matches("_{10,}")
                || line.matches("(?i)(from|von): .{0,300}") && next.matches("(?i)(sent|gesendet|date|datum): .{0,300}");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
