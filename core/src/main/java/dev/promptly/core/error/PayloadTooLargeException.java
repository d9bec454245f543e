package dev.promptly.core.error;

/** A body over the stated size limit; nothing of it is read. Maps to 413. */
public final class PayloadTooLargeException extends PromptlyException {
    public PayloadTooLargeException(long limitBytes) {
        super("body: larger than the limit of " + limitBytes + " bytes");
    }
}
