package dev.promptly.core.error;

/**
 * A failure the caller can understand and act on. Messages name the field and the rule that failed,
 * never a personal value, so they are safe to return and to log. The HTTP edge maps each subtype to
 * one status code.
 */
public abstract class PromptlyException extends RuntimeException {
    protected PromptlyException(String message) {
        super(message);
    }
}
