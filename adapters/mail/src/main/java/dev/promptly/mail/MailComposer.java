package dev.promptly.mail;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.outbox.MimeComposer;
import dev.promptly.core.outbox.OutboxMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Builds the MIME mail for an outbox message: {@code multipart/alternative} with the plain-text and
 * HTML parts (UTF-8, transfer encoding chosen by Jakarta Mail), the subject as an RFC 2047 encoded-word
 * when needed, and the message's own headers — threading, {@code Auto-Submitted},
 * {@code X-Auto-Response-Suppress}, the loop marker — with the {@code Message-ID} decided when the
 * message was recorded. Thread-safe.
 */
public final class MailComposer implements MimeComposer {
    private static final Session SESSION = Session.getInstance(new Properties());
    /** Parts nested deeper than this are not searched for files: no real mail nests so deep. */
    private static final int MAX_DEPTH = 8;

    private final Function<String, byte[]> rawMail;

    /** A composer for mail that attaches nothing stored elsewhere. */
    public MailComposer() {
        this(id -> {
            throw new IllegalStateException("no stored raw mail here");
        });
    }

    /**
     * A composer that attaches the files of the original mail to a team copy ({@link AutomaticMail#RAW_MAIL_HEADER});
     * {@code rawMail} returns the raw MIME SES stored under an SES message id.
     */
    public MailComposer(Function<String, byte[]> rawMail) {
        this.rawMail = Objects.requireNonNull(rawMail, "rawMail");
    }

    @Override
    public ComposedMail compose(OutboxMessage message) {
        try {
            InternetAddress from = display(message.from());
            InternetAddress to = new InternetAddress(message.to(), true);
            String messageId = message.headers().get("Message-ID");
            MimeMessage mail = new FixedIdMimeMessage(SESSION, messageId);
            mail.setFrom(from);
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
            if (message.replyTo() != null) {
                mail.setReplyTo(new InternetAddress[]{new InternetAddress(message.replyTo(), true)});
            }
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mail.setSentDate(Date.from(message.createdAt()));
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Message-ID")) {
                    // No control character (NUL, CR, LF, C1) or Unicode line separator ever reaches a header line.
                    mail.setHeader(header.getKey(), header.getValue().replaceAll("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]+", " "));
                }
            }
            String rawMailId = message.headers().get(AutomaticMail.RAW_MAIL_HEADER);
            if (rawMailId != null && message.html() == null) {
                withOriginalFiles(mail, message.text(), rawMailId);
            } else if (message.html() == null) {
                mail.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                mail.setContent(new MimeMultipart("alternative", text, html));
            }
            mail.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            return new ComposedMail(from.getAddress(), to.getAddress(), out.toByteArray());
        } catch (AddressException e) {
            throw new IllegalArgumentException("outbox message " + message.id() + " has an invalid address", e);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("outbox message " + message.id() + " could not be composed", e);
        }
    }

    /**
     * The text, then the files of the original mail as its attachments ({@code multipart/mixed}, RFC 2046
     * section 5.1.3), each part copied with its own headers and encoding. When the stored original cannot
     * be read the copy still goes out, saying where the files are: the team must get the message.
     */
    private void withOriginalFiles(MimeMessage mail, String text, String rawMailId) throws MessagingException {
        List<Part> files = new ArrayList<>();
        String note = "";
        try {
            MimeMessage original = new MimeMessage(SESSION, new ByteArrayInputStream(rawMail.apply(rawMailId)));
            collectFiles(original, files, 0);
        } catch (RuntimeException | MessagingException | IOException unreadable) {
            files.clear();
            note = "\n\n[The attachments could not be added; the original mail is stored under SES message id " + rawMailId + ".]";
        }
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text + note, StandardCharsets.UTF_8.name());
        MimeMultipart mixed = new MimeMultipart("mixed", body);
        for (Part file : files) {
            mixed.addBodyPart((jakarta.mail.BodyPart) file);
        }
        mail.setContent(mixed);
    }

    /** The parts of {@code part} that are files: attachments, or named non-text parts (inline images). */
    private static void collectFiles(Part part, List<Part> files, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectFiles(multipart.getBodyPart(i), files, depth + 1);
            }
        } else if (part instanceof jakarta.mail.BodyPart
                && (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || (part.getFileName() != null && !part.isMimeType("text/*")))) {
            files.add(part);
        }
    }

    /**
     * {@code Name <address>} as recorded, turned into an address whose name is quoted and encoded as
     * needed: a shop called "Acme, Inc." or "Bäckerei Müller" must not break or garble the header.
     */
    private static InternetAddress display(String recorded) throws AddressException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(.*?)\\s*<([^<>]+)>\\s*$").matcher(recorded);
        if (!m.matches()) {
            return new InternetAddress(recorded, true);
        }
        InternetAddress address = new InternetAddress(m.group(2), true);
        try {
            address.setPersonal(m.group(1).isEmpty() ? null : m.group(1), StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        return address;
    }

    /** Keeps the Message-ID recorded with the decision, which replies thread on, instead of a fresh one. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", messageId);
            }
        }
    }
}
