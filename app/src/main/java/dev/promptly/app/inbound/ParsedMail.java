package dev.promptly.app.inbound;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Promptly reads from one inbound e-mail, decoded once so no later step deals with MIME.
 *
 * <p>Message ids ({@code messageId}, {@code inReplyTo}, {@code references}) are kept without their angle
 * brackets, as they are compared when threading replies. Addresses are lower-cased; display names and
 * header values are decoded from RFC 2047 encoded-words and unfolded. {@code text} is never null: it is
 * the text/plain body, or the HTML body turned into text when there is no usable plain part, in which
 * case {@code htmlOnly} is true. Line breaks in {@code text} are {@code \n}. Both are read up to a bound
 * ({@link MimeMailParser#MAX_READ_TEXT_CHARS} characters of each plain part, {@link
 * MimeMailParser#MAX_RENDERED_HTML_CHARS} of HTML, which {@code html} holds as read); the raw mail keeps the rest.
 *
 * <p>{@code headers} holds every top-level header under its lower-cased name, in the order they first
 * appear, each with its values in order; it cannot be modified. Attachments are only noted: their
 * contents are not kept, so a parsed mail stays small whatever was attached.
 *
 * @param to every recipient the headers name: {@code To}, {@code Cc} and (kept only on a sender's copy) {@code Bcc}
 * @param contentType the top-level MIME type, lower-cased, without parameters ({@code multipart/report})
 * @param deliveryReport true for a delivery status notification or a read receipt (RFC 3464, RFC 8098)
 * @param journal when the mail arrived as a Microsoft 365 / Exchange journal report: that report's envelope,
 *                the rest being the journaled original's (its {@code to} includes the envelope's recipients);
 *                null for a mail that arrived itself
 */
public record ParsedMail(
        String messageId,
        String fromName,
        String fromAddress,
        List<String> to,
        String subject,
        String text,
        String html,
        boolean htmlOnly,
        String inReplyTo,
        List<String> references,
        Map<String, List<String>> headers,
        List<Attachment> attachments,
        Instant date,
        String contentType,
        boolean deliveryReport,
        Journal journal) {

    public ParsedMail {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentType, "contentType");
        to = to == null ? List.of() : List.copyOf(to);
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        headers = headers == null ? Map.of() : ordered(headers);
    }

    /** A mail that arrived itself, not inside a journal report. */
    public ParsedMail(String messageId, String fromName, String fromAddress, List<String> to, String subject, String text,
                      String html, boolean htmlOnly, String inReplyTo, List<String> references, Map<String, List<String>> headers,
                      List<Attachment> attachments, Instant date, String contentType, boolean deliveryReport) {
        this(messageId, fromName, fromAddress, to, subject, text, html, htmlOnly, inReplyTo, references, headers, attachments,
                date, contentType, deliveryReport, null);
    }

    /** The journal report this mail was unwrapped from, if it came in one. */
    public Optional<Journal> journalReport() {
        return Optional.ofNullable(journal);
    }

    /** The first value of the header {@code name}, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Map.copyOf would lose the header order, which matters when reading Received chains. */
    private static Map<String, List<String>> ordered(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "header name"), List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The envelope of the journal report a mail arrived in (Microsoft 365 and Exchange journaling rules).
     *
     * @param reportFrom the report's own {@code From} address (the journaling organisation's), lower-cased, or null
     * @param sender the envelope's {@code Sender}, lower-cased, or null
     * @param recipients the envelope recipients, Bcc recipients included, lower-cased
     */
    public record Journal(String reportFrom, String sender, List<String> recipients) {
        public Journal {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * A part that was attached (or inline but not text, like an image), noted without its contents.
     *
     * @param filename the decoded file name, or null when the part has none
     * @param contentType the part's MIME type, lower-cased, without parameters
     * @param sizeBytes the size after undoing the transfer encoding (what the file would take on disk)
     */
    public record Attachment(String filename, String contentType, long sizeBytes) {
        public Attachment {
            Objects.requireNonNull(contentType, "contentType");
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("sizeBytes: must be >= 0");
            }
        }
    }
}
