package dev.promptly.core.reply;

import java.util.Objects;

/** A message ready to send: a one-line subject, a plain-text part and an HTML part (null for a plain-text message). */
public record RenderedMessage(String language, String subject, String text, String html) {
    public RenderedMessage {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
