package dev.promptly.mail;

import dev.promptly.app.inbound.MailParser;
import dev.promptly.app.inbound.ParsedMail;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.message.Words;
import jakarta.activation.DataSource;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one raw e-mail, as Amazon SES receiving stores it in S3, into a {@link ParsedMail}.
 *
 * <p>Jakarta Mail (Eclipse Angus) reads the MIME structure and undoes transfer encodings; {@link HtmlTextRenderer} turns HTML
 * into text. Customer mail is often slightly malformed, so the parser prefers a readable result to a
 * failure: an unknown charset is read as ISO-8859-1, an unknown transfer encoding leaves the body as sent,
 * an unreadable Content-Type counts as text/plain (RFC 2045, section 5.2), a multipart body whose parts
 * cannot be found is read as text, and a header encoded-word in an unknown charset is read as
 * ISO-8859-1. Only input that is no message at all, or larger than {@link #MAX_BYTES}, is refused.
 *
 * <p>Thread-safe and cheap to construct; build one per Lambda container.
 */
public final class MimeMailParser implements MailParser {
    /** 10 MiB. SES accepts up to 40 MB, but no customer question needs more and the whole mail is in memory. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /**
     * MIME levels descended into. Real mail nests three or four deep (mixed, related, alternative); every
     * level makes Jakarta Mail scan the rest of the body for its boundary, so depth multiplies the cost
     * of the whole mail, and 5,000 levels overflowed the stack. A deeper multipart is noted as an attachment.
     */
    public static final int MAX_DEPTH = 10;
    /** Body parts read (at any depth). A mail with 50 photos has 51; parts beyond are neither read nor noted. */
    public static final int MAX_PARTS = 200;
    /** Header fields kept. Real mail has 20 to 100 (Received chains included); those after are dropped. */
    public static final int MAX_HEADER_FIELDS = 500;
    /** Bytes of the header block read; real headers take a few KiB, and the fields after the cut are dropped. */
    public static final int MAX_HEADER_BYTES = 256 * 1024;
    /** Characters kept of one header field's value; a long References header of a busy thread takes a few thousand. */
    public static final int MAX_HEADER_CHARS = 16 * 1024;
    /**
     * Characters of an HTML-only body turned into text. Parsing HTML is the costliest step per byte
     * (about a quarter of a millisecond per thousand characters of dense markup, warm): a mail client's
     * light markup gives about as much text as is stored (50,000 characters), and even ten times as much
     * markup as text still gives what detection reads (10,000); the renderer closes what the cut leaves open.
     */
    public static final int MAX_RENDERED_HTML_CHARS = 100_000;
    /**
     * Characters read of one text/plain part: twenty times what is stored (50,000) and a hundred times
     * what detection reads (10,000), so the customer's answer below a long quoted thread is still found,
     * while a 10 MiB body is not copied whole several times for text nobody reads. The raw mail keeps the rest.
     */
    public static final int MAX_READ_TEXT_CHARS = 1_000_000;
    /** Bytes one character takes at most in any charset Java decodes (UTF-8 takes four for two characters). */
    private static final int MAX_BYTES_PER_CHAR = 4;
    /** Characters kept of the subject: RFC 5322's line limit, and what a person reads of it. */
    public static final int MAX_SUBJECT_CHARS = 998;

    /** Characters read of a journal report's envelope: a line per recipient, so a few KiB for real mail. */
    public static final int MAX_JOURNAL_ENVELOPE_CHARS = 64 * 1024;
    /** The header of an Exchange / Microsoft 365 journal report, lower-cased as {@link #rawHeaders} keeps names. */
    static final String JOURNAL_REPORT_HEADER = "x-ms-journal-report";

    private static final String FIELD = "mime";
    /** RFC 5322 section 3.6.8: printable US-ASCII except the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");
    private static final Pattern ENCODED_WORD_CHARSET = Pattern.compile("=\\?([^?*]+)(\\*[^?]*)?\\?([QqBb])\\?");
    /** Machine-readable parts of a delivery or read report: read through {@code deliveryReport}, not kept. */
    private static final Set<String> REPORT_PARTS = Set.of("message/delivery-status", "message/global-delivery-status",
            "message/disposition-notification", "message/global-disposition-notification", "text/rfc822-headers",
            "message/global-headers");
    private static final Set<String> DELIVERY_REPORT_TYPES = Set.of("delivery-status", "global-delivery-status",
            "disposition-notification");


    static {
        // Jakarta Mail finds its StreamProvider anew for every header block it reads (every part), by a
        // ServiceLoader scan of the class path unless this system property names it (FactoryFinder reads
        // it first): in a shaded jar the scan made each part cost milliseconds.
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null && isPresent(provider)) {
            System.setProperty("jakarta.mail.util.StreamProvider", provider);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, MimeMailParser.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Builds no Jakarta Mail {@code Session}: a message read without one takes its two settings from the
     * defaults, which are what this parser wants ({@code mail.mime.allowutf8} off: bare 8-bit header bytes are
     * read as ISO-8859-1 and repaired to UTF-8 where valid, in {@code utf8Where8Bit}; {@code mail.mime.address.strict}
     * matters only to {@code MimeMessage.getFrom()} and the like, never called here: every address list is
     * parsed leniently by {@code InternetAddress.parseHeader(value, false)}). A {@code Session} would load the
     * mail provider lists, an event queue and java.util.logging for its logger, about 60 classes at cold
     * start for nothing parsing reads. The mail is read from a {@code SharedInputStream}, so Jakarta Mail never
     * needs the default session's stream provider either.
     */
    public MimeMailParser() {
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    /**
     * Parses one whole message, headers and body.
     *
     * @throws InvalidInputException (field {@code mime}) when {@code raw} is empty, has no header, or is
     *     larger than {@link #MAX_BYTES}
     */
    @Override
    public ParsedMail parse(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length > MAX_BYTES) {
            throw tooLarge();
        }
        MimeMessage message = read(raw);
        Map<String, List<String>> rawHeaders = rawHeaders(message);
        if (rawHeaders.isEmpty()) {
            throw new InvalidInputException(FIELD, "has no header fields, so it is not an e-mail message");
        }
        if (rawHeaders.containsKey(JOURNAL_REPORT_HEADER)) {
            Optional<ParsedMail> original = journaled(message, rawHeaders);
            if (original.isPresent()) {
                return original.get();
            }
        }
        return parsed(message, rawHeaders, null);
    }

    /**
     * The message a journal report carries, read as if it had arrived itself, with the report's envelope
     * recipients among its {@code to}; empty when the report has no attached message to read. A journal
     * report is a multipart whose first part is the envelope (text/plain, see {@link JournalEnvelope}) and
     * whose second is the original, attached unaltered as message/rfc822
     * (https://learn.microsoft.com/en-us/previous-versions/exchange-server/exchange-140/bb331962(v=exchg.140));
     * once it leaves Exchange's transport it carries the header {@code X-MS-Journal-Report}
     * (https://technet.microsoft.com/library/Bb232136(v=EXCHG.150), "Header firewall"). Only one level is
     * unwrapped: a report inside the original is read as an ordinary mail.
     */
    private Optional<ParsedMail> journaled(MimeMessage report, Map<String, List<String>> reportHeaders) {
        MediaType type = mediaType(report);
        MimeMultipart multipart = type.name().startsWith("multipart/") ? multipart(report) : null;
        if (multipart == null) {
            return Optional.empty();
        }
        String envelope = null;
        MimeBodyPart attached = null;
        for (MimeBodyPart part : children(multipart)) {
            MediaType partType = mediaType(part);
            if (envelope == null && attached == null && partType.name().equals("text/plain")) {
                envelope = text(part, partType, MAX_JOURNAL_ENVELOPE_CHARS);
            } else if (attached == null && partType.name().equals("message/rfc822")) {
                attached = part;
            }
        }
        if (attached == null) {
            return Optional.empty();
        }
        MimeMessage original = read(decodedBytes(attached, MAX_BYTES));
        Map<String, List<String>> originalHeaders = rawHeaders(original);
        if (originalHeaders.isEmpty()) {
            return Optional.empty();
        }
        JournalEnvelope read = JournalEnvelope.read(envelope == null ? "" : envelope);
        InternetAddress reportFrom = firstAddress(values(reportHeaders, "from"));
        return Optional.of(parsed(original, originalHeaders, new ParsedMail.Journal(
                reportFrom == null ? null : reportFrom.getAddress().toLowerCase(Locale.ROOT), read.sender(), read.recipients())));
    }

    /** One message read whole; {@code journal} is the report it was attached to, or null. */
    private ParsedMail parsed(MimeMessage message, Map<String, List<String>> rawHeaders, ParsedMail.Journal journal) {
        // Loops rather than lambdas on the path every mail takes: each lambda or method reference spins a class
        // at its first call, a dozen of them in a cold start.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : rawHeaders.entrySet()) {
            List<String> decodedValues = new ArrayList<>(field.getValue().size());
            for (String value : field.getValue()) {
                decodedValues.add(decoded(value));
            }
            headers.put(field.getKey(), Collections.unmodifiableList(decodedValues));
        }

        var body = new Body();
        MediaType type = mediaType(message);
        collect(message, type, body, 0);

        String plain = body.plain();
        String htmlBody = body.html();
        boolean fromHtml = (plain == null || plain.isBlank()) && htmlBody != null;
        // Built here, not held in a field: constructing it in the parser's constructor loaded its classes at
        // init (the verifier checks them when it links the renderer), though only HTML-only mail needs them.
        String text = fromHtml ? new HtmlTextRenderer().render(Words.head(htmlBody, MAX_RENDERED_HTML_CHARS)) : plain == null ? "" : plain;

        List<String> references = new ArrayList<>();
        for (String value : values(rawHeaders, "references")) {
            references.addAll(messageIds(value));
        }
        InternetAddress from = firstAddress(values(rawHeaders, "from"));
        List<String> to = new ArrayList<>();
        // Delivered mail has no Bcc header (RFC 5322 section 3.6.3), but a copy taken from the sender's
        // side (a sent-items export, a journaled original) may keep it: those are recipients too.
        for (String field : List.of("to", "cc", "bcc")) {
            for (String value : values(rawHeaders, field)) {
                to.addAll(addresses(value));
            }
        }
        if (journal != null) {
            journal.recipients().stream().filter(r -> !to.contains(r)).forEach(to::add);
        }

        return new ParsedMail(
                firstMessageIdOfFirst(values(rawHeaders, "message-id")),
                from == null ? null : blankToNull(from.getPersonal()),
                from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
                to,
                values(headers, "subject").isEmpty() ? null : shortSubject(values(headers, "subject").get(0)),
                text,
                htmlBody,
                fromHtml,
                firstMessageIdOfFirst(values(rawHeaders, "in-reply-to")),
                references,
                headers,
                body.attachments,
                sentDate(message),
                type.name(),
                isDeliveryReport(message, type),
                journal);
    }

    /** Reads at most {@link #MAX_BYTES} (plus one, to tell) from {@code in}; the caller closes it. */
    public ParsedMail parse(InputStream in) throws IOException {
        byte[] raw = in.readNBytes(MAX_BYTES + 1);
        if (raw.length > MAX_BYTES) {
            throw tooLarge();
        }
        return parse(raw);
    }

    private MimeMessage read(byte[] raw) {
        raw = withBoundedHeader(raw);
        try {
            // A SharedInputStream lets parts refer to the array instead of copying their bytes.
            return new MimeMessage((Session) null, new SharedByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new InvalidInputException(FIELD, "cannot be read as a MIME message");
        }
    }

    /**
     * The mail with its header block cut to {@link #MAX_HEADER_BYTES} at the start of a field, the body
     * kept. Jakarta Mail parses every header line before the first is read, so a 10 MiB header of a
     * hundred thousand fields would be parsed whole only for {@link #MAX_HEADER_FIELDS} to be kept.
     */
    static byte[] withBoundedHeader(byte[] raw) {
        int lineStart = 0;
        int lastFieldStart = 0;
        while (lineStart < raw.length) {
            int newline = indexOf(raw, (byte) '\n', lineStart);
            int lineEnd = newline < 0 ? raw.length : newline + 1;
            boolean blank = lineEnd - lineStart <= 2 && (raw[lineStart] == '\n' || raw[lineStart] == '\r');
            if (blank) {
                return raw; // the header ended within the bound
            }
            if (raw[lineStart] != ' ' && raw[lineStart] != '\t') {
                lastFieldStart = lineStart; // folded lines continue a field, so a cut goes before a field
            }
            if (lineEnd > MAX_HEADER_BYTES) {
                int bodyStart = bodyStart(raw, lineEnd);
                byte[] bounded = new byte[lastFieldStart + 2 + (raw.length - bodyStart)];
                System.arraycopy(raw, 0, bounded, 0, lastFieldStart);
                bounded[lastFieldStart] = '\r';
                bounded[lastFieldStart + 1] = '\n';
                System.arraycopy(raw, bodyStart, bounded, lastFieldStart + 2, raw.length - bodyStart);
                return bounded;
            }
            lineStart = lineEnd;
        }
        return raw;
    }

    /** Where the body starts: after the first blank line at or after {@code from}, or at the end. */
    private static int bodyStart(byte[] raw, int from) {
        for (int line = from; line < raw.length; ) {
            int newline = indexOf(raw, (byte) '\n', line);
            int lineEnd = newline < 0 ? raw.length : newline + 1;
            if (raw[line] == '\n' || raw[line] == '\r' && lineEnd - line <= 2) {
                return lineEnd;
            }
            line = lineEnd;
        }
        return raw.length;
    }

    private static InvalidInputException tooLarge() {
        return new InvalidInputException(FIELD, "larger than the limit of " + MAX_BYTES + " bytes");
    }

    // ---- structure ----

    /** The readable body and the attachments found so far, while walking the part tree. */
    private static final class Body {
        private final List<String> plains = new ArrayList<>();
        private final List<String> htmls = new ArrayList<>();
        private final List<ParsedMail.Attachment> attachments = new ArrayList<>();
        /** Parts visited so far, shared by the versions of an alternative so the cap counts the whole mail. */
        private final int[] parts;

        Body() {
            this(new int[1]);
        }

        private Body(int[] parts) {
            this.parts = parts;
        }

        /** A body for one version of an alternative, counting parts with this one. */
        Body version() {
            return new Body(parts);
        }

        /** Counts one more part; false once {@link #MAX_PARTS} have been read. */
        boolean admit() {
            return ++parts[0] <= MAX_PARTS;
        }

        String plain() {
            return plains.isEmpty() ? null : String.join("\n", plains);
        }

        String html() {
            return htmls.isEmpty() ? null : String.join("\n", htmls);
        }
    }

    private void collect(MimePart part, MediaType type, Body body, int depth) {
        if (!body.admit()) {
            return;
        }
        if (type.name().startsWith("multipart/")) {
            if (depth >= MAX_DEPTH) {
                // Not descended into (see MAX_DEPTH), but the team learns that something was there.
                body.attachments.add(new ParsedMail.Attachment(null, type.name(), decodedSize(part)));
                return;
            }
            MimeMultipart multipart = multipart(part);
            if (multipart == null) {
                // No part boundary found: show what was sent rather than nothing.
                body.plains.add(text(part, type, MAX_READ_TEXT_CHARS));
            } else if (type.name().equals("multipart/alternative")) {
                collectAlternative(multipart, body, depth + 1);
            } else {
                for (MimeBodyPart child : children(multipart)) {
                    collect(child, mediaType(child), body, depth + 1);
                }
            }
            return;
        }
        if (REPORT_PARTS.contains(type.name())) {
            return;
        }
        String filename = filename(part);
        boolean attached = "attachment".equalsIgnoreCase(disposition(part)) || filename != null;
        if (!attached && type.name().equals("text/plain")) {
            body.plains.add(text(part, type, MAX_READ_TEXT_CHARS));
        } else if (!attached && type.name().equals("text/html")) {
            body.htmls.add(text(part, type, MAX_RENDERED_HTML_CHARS));
        } else {
            body.attachments.add(new ParsedMail.Attachment(filename, type.name(), decodedSize(part)));
        }
    }

    /** RFC 2046 section 5.1.4: the same content in several forms; keep the first plain and the last (richest) HTML. */
    private void collectAlternative(MimeMultipart multipart, Body body, int depth) {
        String plain = null;
        String htmlBody = null;
        for (MimeBodyPart child : children(multipart)) {
            var version = body.version();
            collect(child, mediaType(child), version, depth);
            if (plain == null && version.plain() != null && !version.plain().isBlank()) {
                plain = version.plain();
            }
            if (version.html() != null) {
                htmlBody = version.html();
            }
            body.attachments.addAll(version.attachments);
        }
        if (plain != null) {
            body.plains.add(plain);
        }
        if (htmlBody != null) {
            body.htmls.add(htmlBody);
        }
    }

    private static MimeMultipart multipart(MimePart part) {
        try {
            MimeMultipart multipart = new MimeMultipart(firstParts(part));
            multipart.getCount(); // parses, so a missing boundary shows here
            return multipart;
        } catch (MessagingException | IOException e) {
            return null;
        }
    }

    /**
     * The multipart's body up to its {@link #MAX_PARTS}th part. Jakarta Mail parses every part of a
     * multipart when it is first read, so a 10 MiB body of a million tiny parts would cost a million
     * header parses; cut before the next delimiter line (RFC 2046 section 5.1.1), the rest is never parsed,
     * and the missing close delimiter is tolerated (Angus {@code mail.mime.multipart.ignoremissingendboundary}).
     */
    private static DataSource firstParts(MimePart part) throws MessagingException, IOException {
        String contentType = part.getContentType();
        byte[] body;
        try (InputStream in = new MimePartDataSource(part).getInputStream()) {
            body = in.readAllBytes();
        }
        int end = body.length;
        ContentType parsed = parsedOrNull(contentType);
        String boundary = parsed == null ? null : parsed.getParameter("boundary");
        if (boundary != null) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int delimiters = 0;
            for (int line = 0; line < body.length; ) {
                if (startsWith(body, line, delimiter) && ++delimiters > MAX_PARTS) {
                    end = line;
                    break;
                }
                int newline = indexOf(body, (byte) '\n', line);
                line = newline < 0 ? body.length : newline + 1;
            }
        }
        int length = end;
        return new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new SharedByteArrayInputStream(body, 0, length);
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read only");
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return "multipart";
            }
        };
    }

    private static ContentType parsedOrNull(String header) {
        try {
            return header == null ? null : new ContentType(MimeUtility.unfold(header));
        } catch (ParseException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (bytes.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The parts of a multipart, at most {@link #MAX_PARTS} (no more could be read anyway). */
    private static List<MimeBodyPart> children(MimeMultipart multipart) {
        try {
            List<MimeBodyPart> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(multipart.getCount(), MAX_PARTS); i++) {
                parts.add((MimeBodyPart) multipart.getBodyPart(i));
            }
            return parts;
        } catch (MessagingException e) {
            throw new IllegalStateException("a multipart parsed once failed to list its parts", e);
        }
    }

    private static boolean isDeliveryReport(MimeMessage message, MediaType type) {
        if (type.name().equals("multipart/report")) {
            String reportType = type.parameter("report-type");
            if (reportType != null && DELIVERY_REPORT_TYPES.contains(reportType.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (isDeliveryStatus(type)) {
            return true;
        }
        if (type.name().startsWith("multipart/")) {
            MimeMultipart multipart = multipart(message);
            return multipart != null && children(multipart).stream().anyMatch(p -> isDeliveryStatus(mediaType(p)));
        }
        return false;
    }

    private static boolean isDeliveryStatus(MediaType type) {
        return type.name().equals("message/delivery-status") || type.name().equals("message/global-delivery-status");
    }

    // ---- bodies ----

    /**
     * The part's text in its declared charset, at most {@code maxChars} of it, with line breaks as
     * {@code \n}. Only the bytes those characters can take are read and decoded (no charset needs more
     * than {@link #MAX_BYTES_PER_CHAR} bytes a character), so a 10 MiB part costs what its first
     * {@code maxChars} characters cost.
     */
    private static String text(MimePart part, MediaType type, int maxChars) {
        int room = maxChars + 1; // a byte order mark, dropped below, takes one more
        byte[] bytes = decodedBytes(part, (long) room * MAX_BYTES_PER_CHAR);
        boolean whole = bytes.length < (long) room * MAX_BYTES_PER_CHAR;
        CharBuffer chars = decoded(bytes, whole, type.parameter("charset"), room);
        char[] a = chars.array();
        int start = chars.limit() > 0 && a[0] == '\uFEFF' ? 1 : 0;
        int end = Math.min(chars.limit(), start + maxChars);
        if (end - start == maxChars && Character.isHighSurrogate(a[end - 1])) {
            end--; // never half a character
        }
        return withNewlines(a, start, end);
    }

    /** The characters from {@code start} to {@code end}, each CRLF and lone CR written LF, rewritten in place. */
    private static String withNewlines(char[] a, int start, int end) {
        int out = start;
        for (int i = start; i < end; i++) {
            char c = a[i];
            if (c == '\r') {
                c = '\n';
                if (i + 1 < end && a[i + 1] == '\n') {
                    i++;
                }
            }
            a[out++] = c;
        }
        return new String(a, start, out - start);
    }

    /**
     * Up to {@code room} characters of the bytes in the declared charset, by its MIME or Java name.
     * US-ASCII, or no charset at all, cannot describe 8-bit bytes, so those are read as UTF-8 when they are
     * valid UTF-8 (ASCII is too) and as ISO-8859-1 otherwise. A charset Java does not know is read as
     * ISO-8859-1, which maps every byte and so loses nothing. {@code whole} says whether {@code bytes} is
     * the whole part: a prefix may end inside a character, which is then no error.
     */
    private static CharBuffer decoded(byte[] bytes, boolean whole, String declared, int room) {
        String name = declared == null ? "" : declared.trim();
        if (name.isEmpty() || name.equalsIgnoreCase("us-ascii") || name.equalsIgnoreCase("ascii")) {
            CharBuffer utf8 = decode(bytes, whole, strictUtf8(), room);
            return utf8 != null ? utf8 : decode(bytes, whole, StandardCharsets.ISO_8859_1.newDecoder(), room);
        }
        return decode(bytes, whole, knownCharset(name).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE), room);
    }

    /** Decodes until {@code room} characters are read or the bytes end; null when a strict decoder finds an error. */
    private static CharBuffer decode(byte[] bytes, boolean whole, CharsetDecoder decoder, int room) {
        CharBuffer out = CharBuffer.allocate(room);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, out, whole);
        if (result.isUnderflow() && whole) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            return null;
        }
        return out.flip();
    }

    private static Charset knownCharset(String name) {
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** A UTF-8 decoder that reports malformed input instead of replacing it: the test whether bytes are UTF-8. */
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            strictUtf8().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** At most {@code max} bytes of the part's body, without its transfer encoding. */
    private static byte[] decodedBytes(MimePart part, long max) {
        try (InputStream in = decodedStream(part)) {
            return in.readNBytes((int) Math.min(max, MAX_BYTES + 1L));
        } catch (IOException e) {
            throw new InvalidInputException(FIELD, "a body part cannot be decoded from its transfer encoding");
        }
    }

    private static long decodedSize(MimePart part) {
        try (InputStream in = decodedStream(part)) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidInputException(FIELD, "a body part cannot be decoded from its transfer encoding");
        }
    }

    /** The body without its transfer encoding; an encoding Jakarta Mail does not know leaves it as sent. */
    private static InputStream decodedStream(MimePart part) throws IOException {
        InputStream raw = rawStream(part);
        String encoding;
        try {
            encoding = part.getEncoding();
        } catch (MessagingException e) {
            return raw;
        }
        if (encoding == null) {
            return raw;
        }
        try {
            return MimeUtility.decode(raw, encoding.trim());
        } catch (MessagingException e) {
            return raw;
        }
    }

    private static InputStream rawStream(MimePart part) throws IOException {
        try {
            if (part instanceof MimeMessage m) {
                return m.getRawInputStream();
            }
            return ((MimeBodyPart) part).getRawInputStream();
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    // ---- part metadata ----

    /** A MIME type with its parameters; see {@link #mediaType(MimePart)}. */
    private record MediaType(String name, ContentType parsed) {
        String parameter(String key) {
            return parsed == null ? null : parsed.getParameter(key);
        }
    }

    /**
     * The part's type. A missing or unreadable Content-Type is text/plain (RFC 2045, section 5.2), except
     * that a readable type whose parameters are broken keeps its type.
     */
    private static MediaType mediaType(MimePart part) {
        String header;
        try {
            header = part.getHeader("Content-Type", null);
        } catch (MessagingException e) {
            header = null;
        }
        if (header == null || header.isBlank()) {
            return new MediaType("text/plain", null);
        }
        try {
            var parsed = new ContentType(MimeUtility.unfold(header));
            return new MediaType(parsed.getBaseType().toLowerCase(Locale.ROOT), parsed);
        } catch (ParseException e) {
            String base = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            return new MediaType(base.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? base : "text/plain", null);
        }
    }

    private static String disposition(MimePart part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    /**
     * The file name from Content-Disposition or, failing that, Content-Type's {@code name}. Jakarta Mail
     * decodes RFC 2231 parameters; RFC 2047 encoded-words in a file name are not allowed but are what
     * Outlook and many other clients send, so they are decoded too.
     */
    private static String filename(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return decoded(utf8Where8Bit(name));
    }

    private static Instant sentDate(MimeMessage message) {
        try {
            Date date = message.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException e) {
            return null;
        }
    }

    // ---- headers ----

    /**
     * Every well-formed top-level header, lower-cased, in order, unfolded but not yet decoded: the first
     * {@link #MAX_HEADER_FIELDS}, each cut to {@link #MAX_HEADER_CHARS} characters.
     */
    private static Map<String, List<String>> rawHeaders(MimeMessage message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        try {
            var all = message.getAllHeaders();
            int kept = 0;
            while (all.hasMoreElements() && kept < MAX_HEADER_FIELDS) {
                Header header = all.nextElement();
                // Jakarta Mail keeps a line without a colon as a header with a null value.
                if (header.getValue() != null && header.getName().length() <= MAX_HEADER_CHARS
                        && FIELD_NAME.matcher(header.getName()).matches()) {
                    String value = header.getValue();
                    // Cut before unfolding: the folds are at most a few characters each.
                    String bounded = value.length() > 2 * MAX_HEADER_CHARS ? value.substring(0, 2 * MAX_HEADER_CHARS) : value;
                    String unfolded = MimeUtility.unfold(utf8Where8Bit(bounded)).trim();
                    String name = header.getName().toLowerCase(Locale.ROOT);
                    List<String> values = headers.get(name);
                    if (values == null) {
                        values = new ArrayList<>();
                        headers.put(name, values);
                    }
                    values.add(Words.head(unfolded, MAX_HEADER_CHARS));
                    kept++;
                }
            }
        } catch (MessagingException e) {
            throw new InvalidInputException(FIELD, "header fields cannot be read");
        }
        return headers;
    }

    /**
     * Header bytes are read as ISO-8859-1, one char per byte. RFC 6532 allows raw UTF-8 in headers and
     * many clients send it anyway, so a value whose bytes are valid UTF-8 is read as UTF-8; other 8-bit
     * values stay ISO-8859-1, which shows Latin-1 text as sent.
     */
    private static String utf8Where8Bit(String value) {
        if (isAscii(value)) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : value;
    }

    /** RFC 2047 encoded-words decoded; one in a charset Java does not know is read as ISO-8859-1. */
    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            try {
                return MimeUtility.decodeText(withKnownCharsets(value));
            } catch (UnsupportedEncodingException stillUnknown) {
                return value;
            }
        }
    }

    private static String withKnownCharsets(String value) {
        Matcher m = ENCODED_WORD_CHARSET.matcher(value);
        var out = new StringBuilder();
        while (m.find()) {
            String charset = knownCharset(m.group(1)).equals(StandardCharsets.ISO_8859_1) ? "ISO-8859-1" : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement("=?" + charset + "?" + m.group(3) + "?"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The message id in the first of {@code values}, or null. */
    private static String firstMessageIdOfFirst(List<String> values) {
        return values.isEmpty() ? null : firstMessageId(values.get(0)).orElse(null);
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 msg-id without its angle brackets; a bare id (no brackets, one word with an @) is taken too. */
    private static Optional<String> firstMessageId(String value) {
        List<String> ids = messageIds(value);
        if (!ids.isEmpty()) {
            return Optional.of(ids.get(0));
        }
        String bare = value.trim();
        return bare.contains("@") && !bare.matches(".*\\s.*") ? Optional.of(bare) : Optional.empty();
    }

    private static List<String> messageIds(String value) {
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static InternetAddress firstAddress(List<String> values) {
        for (String value : values) {
            List<InternetAddress> parsed = parsedAddresses(value);
            if (!parsed.isEmpty()) {
                return parsed.get(0);
            }
        }
        return null;
    }

    private static List<String> addresses(String value) {
        List<InternetAddress> parsed = parsedAddresses(value);
        List<String> addresses = new ArrayList<>(parsed.size());
        for (InternetAddress address : parsed) {
            addresses.add(address.getAddress().toLowerCase(Locale.ROOT));
        }
        return addresses;
    }

    /**
     * Addresses in a header, group members included. When the list cannot be parsed at all, whatever
     * looks like an address is still taken, since a reply needs it more than a display name.
     */
    private static List<InternetAddress> parsedAddresses(String value) {
        List<InternetAddress> out = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        addIfUsable(member, out);
                    }
                } else {
                    addIfUsable(address, out);
                }
            }
        } catch (AddressException e) {
            Matcher m = BARE_ADDRESS.matcher(value);
            while (m.find()) {
                out.add(new InternetAddress());
                out.get(out.size() - 1).setAddress(m.group());
            }
        }
        return out;
    }

    private static void addIfUsable(InternetAddress address, List<InternetAddress> out) {
        if (address.getAddress() != null && !address.getAddress().isBlank()) {
            out.add(address);
        }
    }

    /** A subject cut to {@link #MAX_SUBJECT_CHARS}; {@code null} stays {@code null}. */
    public static String shortSubject(String subject) {
        return Words.head(subject, MAX_SUBJECT_CHARS);
    }

    @Override
    public String boundedSubject(String subject) {
        return shortSubject(subject);
    }

    /** Read leniently, as the headers of a parsed mail are: a display name may be unquoted or odd. */
    @Override
    public Optional<Mailbox> mailbox(String from) {
        try {
            var address = new InternetAddress(from == null ? "" : from, false);
            return Optional.of(new Mailbox(address.getPersonal(), address.getAddress()));
        } catch (AddressException unreadable) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
