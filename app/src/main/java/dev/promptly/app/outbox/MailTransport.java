package dev.promptly.app.outbox;

import java.util.List;

/** Delivers a composed mail: Amazon SES v2 when deployed, SMTP as the portable alternative. */
public interface MailTransport {
    /**
     * Sends {@code mime} to {@code recipients}.
     *
     * @return the provider's id for the sent mail
     * @throws MailDeliveryException when the mail was not accepted
     */
    String send(String envelopeFrom, List<String> recipients, byte[] mime);
}
