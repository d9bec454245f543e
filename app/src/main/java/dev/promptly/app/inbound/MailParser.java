package dev.promptly.app.inbound;

import java.util.Optional;

/** Reads received mail, as SES stored it, within fixed bounds. Implementations are thread-safe. */
public interface MailParser {
    /** A mailbox as a {@code From} header names it: display name (or null) and address. */
    record Mailbox(String name, String address) {
    }

    /** The most bytes {@link #parse} reads; a larger mail is recorded from SES's parsed headers instead. */
    int maxBytes();

    /**
     * Parses one whole message, headers and body.
     *
     * @throws dev.promptly.core.error.InvalidInputException when {@code raw} is empty, has no header, or is
     *     larger than {@link #maxBytes()}
     */
    ParsedMail parse(byte[] raw);

    /** {@code subject} cut to the length {@link #parse} keeps; null stays null. */
    String boundedSubject(String subject);

    /** The mailbox a {@code From} header value names (decoded, as SES reports it); empty when it cannot be read. */
    Optional<Mailbox> mailbox(String from);
}
