package dev.promptly.app.outbox;

import dev.promptly.core.outbox.OutboxMessage;

/** Delivers an outbox record over a channel other than e-mail: a Slack incoming webhook, an Amazon SNS topic, WhatsApp. */
public interface AlertChannel {
    /**
     * Delivers {@code message} to its {@code to} (a webhook's secret reference, a topic ARN).
     *
     * @return the provider's id for the delivery, or a short description when it gives none
     * @throws MailDeliveryException when the delivery was refused; {@code permanent()} says whether to retry
     */
    String deliver(OutboxMessage message);

    /** Whether this channel only keeps its records as {@code captured} (a local run without the real service). */
    default boolean captures() {
        return false;
    }
}
