package dev.promptly.core.message;

/**
 * Rules for message ids a client or a mail sends us ({@code message_id}, {@code in_reply_to},
 * {@code references}, {@code Message-ID}). They are stored hashed (any length fits a key) but are echoed
 * into the {@code In-Reply-To} and {@code References} headers of our answers, so what reaches a header
 * must be one token: no control character (NUL, CR, LF, ...), no Unicode line or paragraph separator
 * (U+2028/U+2029, which some clients treat as line breaks), no space and no angle bracket. Stateless.
 */
public final class MessageIds {
    /** RFC 5322 §2.1.1: a header line is at most 998 characters, so no real message id is longer. */
    public static final int MAX_LENGTH = 998;

    private MessageIds() {
    }

    /** Not blank, at most {@link #MAX_LENGTH} characters, and free of control characters and line separators. */
    public static boolean printable(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_LENGTH && id.codePoints().noneMatch(MessageIds::breaksALine);
    }

    /** {@link #printable} and one token, so {@code <id>} can be written into a header as it is. */
    public static boolean headerSafe(String id) {
        return printable(id) && id.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '<' || c == '>');
    }

    private static boolean breaksALine(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
