package dev.promptly.mail;

import dev.promptly.app.outbox.MimeComposer;
import dev.promptly.core.outbox.OutboxMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the MIME mail for an outbox message: {@code multipart/alternative} with the plain-text and
 * HTML parts (UTF-8, transfer encoding chosen by Jakarta Mail), the subject as an RFC 2047 encoded-word
 * when needed, and the message's own headers — threading, {@code Auto-Submitted},
 * {@code X-Auto-Response-Suppress}, the loop marker — with the {@code Message-ID} decided when the
 * message was recorded. Thread-safe.
 */
public final class MailComposer implements MimeComposer {
    private static final Session SESSION = Session.getInstance(new Properties());

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
            if (message.html() == null) {
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
