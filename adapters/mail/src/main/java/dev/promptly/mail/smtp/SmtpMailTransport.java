package dev.promptly.mail.smtp;

import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.outbox.MailTransport;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

/**
 * Sends mail to an SMTP server as composed, byte for byte: the portable alternative to SES and the local
 * runner's {@code --smtp host:port}. No authentication or TLS: it is meant for a relay on a trusted
 * network or a local test server. Thread-safe.
 */
public final class SmtpMailTransport implements MailTransport {
    private final Session session;

    public SmtpMailTransport(String host, int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        this.session = Session.getInstance(props);
    }

    @Override
    public String send(String envelopeFrom, List<String> recipients, byte[] mime) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mime)) {
                @Override
                protected void updateMessageID() {
                    // Keep the Message-ID decided with the outbox record: customers' replies thread on it.
                }
            };
            Address[] to = new Address[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i), true);
            }
            Transport.send(message, to);
            return message.getMessageID();
        } catch (SendFailedException e) {
            throw new MailDeliveryException("the SMTP server refused the recipient", true, e);
        } catch (MessagingException e) {
            throw new MailDeliveryException("SMTP delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }
}
