package dev.promptly.app.whatsapp;

import dev.promptly.core.message.Words;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How WhatsApp outbox records are shaped: channel {@code whatsapp}, {@code to} the customer's number
 * (E.164 with "+"), {@code text} the plain message, and headers that tell the sender how it may go out.
 *
 * <p>Free-form text may only be sent within the 24-hour customer service window opened by the customer's
 * last message; outside it only an approved template may be sent
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows).
 * A text body is at most 4,096 characters
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages).
 */
public final class WhatsAppMessages {
    public static final String CHANNEL = "whatsapp";
    /** When the customer service window of a text reply closes (ISO-8601 instant). */
    public static final String WINDOW_ENDS = "X-WhatsApp-Window-Ends";
    /** A template message: its registered name, language code and body parameters ({@link #PARAMETER} 1, 2, ...). */
    public static final String TEMPLATE = "X-WhatsApp-Template";
    public static final String LANGUAGE = "X-WhatsApp-Language";
    public static final String PARAMETER = "X-WhatsApp-Parameter-";
    public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);
    public static final int MAX_TEXT = 4096;
    /** A template body parameter is short text; Meta refuses newlines and tabs in it. */
    static final int MAX_PARAMETER = 1024;

    private WhatsAppMessages() {
    }

    /** The headers of a text reply to a customer message received at {@code customerWroteAt}. */
    public static Map<String, String> windowHeaders(Instant customerWroteAt) {
        return Map.of(WINDOW_ENDS, customerWroteAt.plus(CUSTOMER_SERVICE_WINDOW).toString());
    }

    /**
     * {@code text} as WhatsApp shows it: trailing blanks and runs of blank lines trimmed, at most
     * {@link #MAX_TEXT} characters (cut at a code point, marked with an ellipsis).
     */
    public static String text(String text) {
        String clean = text.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
        if (clean.length() <= MAX_TEXT) {
            return clean;
        }
        return Words.head(clean, MAX_TEXT - 1) + "…";
    }

    /** A template body parameter: one line, bounded (never cut inside a character). */
    public static String parameter(String value) {
        String line = value.replaceAll("\\s+", " ").strip();
        return Words.head(line, MAX_PARAMETER);
    }
}
