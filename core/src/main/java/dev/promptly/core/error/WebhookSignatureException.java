package dev.promptly.core.error;

/** A request whose signature is missing or does not match the shop's secret. Maps to 401. */
public final class WebhookSignatureException extends PromptlyException {
    public WebhookSignatureException(String message) {
        super(message);
    }
}
