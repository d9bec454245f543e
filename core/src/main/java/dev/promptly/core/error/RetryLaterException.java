package dev.promptly.core.error;

/**
 * Work that was started and will be finished by a retry of the same request, e.g. a large deletion
 * that did not fit in one invocation. Maps to 503 so that Shopify (or the platform) delivers again.
 */
public final class RetryLaterException extends PromptlyException {
    public RetryLaterException(String message) {
        super(message);
    }
}
