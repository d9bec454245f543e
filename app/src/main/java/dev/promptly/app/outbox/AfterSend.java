package dev.promptly.app.outbox;

import dev.promptly.core.outbox.OutboxMessage;

/**
 * Told by the {@link OutboxSender} once it has recorded a record as sent with the provider's id for it, e.g.
 * to apply the provider's reports on that id that arrived before the send was recorded.
 */
@FunctionalInterface
public interface AfterSend {
    /** Does nothing. */
    AfterSend NONE = sent -> { };

    /** {@code sent}: the record as recorded, its {@code providerMessageId} set. */
    void recorded(OutboxMessage sent);
}
