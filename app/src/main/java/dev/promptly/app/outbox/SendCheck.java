package dev.promptly.app.outbox;

import dev.promptly.core.outbox.OutboxMessage;
import java.util.Optional;

/**
 * Asked by the {@link OutboxSender} right before a message goes out, since a message may wait (quiet
 * hours, retries) while the facts it tells change.
 */
@FunctionalInterface
public interface SendCheck {
    /** Sends everything. */
    SendCheck NONE = message -> Optional.empty();

    /** Why {@code message} must not go out any more, e.g. {@code delay_over}; empty to send it. */
    Optional<String> withdrawReason(OutboxMessage message);
}
