package dev.promptly.app.outbox;

import dev.promptly.core.outbox.OutboxMessage;

/** Writes an outbox record as the MIME mail its {@link MailTransport} sends. Implementations are thread-safe. */
public interface MimeComposer {
    /** A composed mail: the bytes to send and the envelope. */
    record ComposedMail(String envelopeFrom, String recipient, byte[] mime) {
    }

    /** @throws IllegalArgumentException when the record holds an invalid address (sending it again cannot help) */
    ComposedMail compose(OutboxMessage message);
}
