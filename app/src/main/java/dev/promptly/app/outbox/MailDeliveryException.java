package dev.promptly.app.outbox;

/**
 * A mail the transport did not accept. {@code permanent} failures (a rejected address, an unverified
 * sender) are not retried; others (throttling, a server away) are retried with back-off.
 */
public final class MailDeliveryException extends RuntimeException {
    private final boolean permanent;

    public MailDeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
