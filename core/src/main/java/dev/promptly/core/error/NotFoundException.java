package dev.promptly.core.error;

/** A named resource that does not exist (or that the caller may not know exists). Maps to 404. */
public final class NotFoundException extends PromptlyException {
    public NotFoundException(String message) {
        super(message);
    }
}
