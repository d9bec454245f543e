package dev.promptly.core.outbox;

import java.util.Locale;

/**
 * Where an outgoing message stands. {@link #PENDING} messages are due for the sender; {@link #RETURNED}
 * ones were handed back in the HTTP answer to a chat or relay client, which shows them itself;
 * {@link #CAPTURED} ones were kept by the local runner without a mail server; {@link #FAILED} ones gave
 * up after the last attempt and need a person; {@link #WITHDRAWN} ones were not sent because what they
 * tell was no longer true when their time came (a delay notice for an order that shipped meanwhile).
 */
public enum OutboxStatus {
    PENDING, SENT, RETURNED, CAPTURED, FAILED, WITHDRAWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
