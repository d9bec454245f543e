package dev.promptly.core.error;

/** A caller without valid credentials (a missing or wrong bearer token). Maps to 401. */
public final class AuthenticationException extends PromptlyException {
    public AuthenticationException(String message) {
        super(message);
    }
}
