package dev.promptly.core.outbox;

import java.util.Locale;
import java.util.Optional;

/**
 * What the channel reported about a message after it was handed over ({@link OutboxStatus#SENT}): WhatsApp's
 * delivery statuses. {@link #SENT}, {@link #DELIVERED} and {@link #READ} only ever move forward (a status
 * that arrives late never moves a record back); {@link #FAILED} is reported only for a message that was not
 * delivered, so it follows {@link #SENT} at most.
 */
public enum DeliveryState {
    SENT, DELIVERED, READ, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a record in this state may move to {@code next}: forward only, and failed only before delivery. */
    public boolean precedes(DeliveryState next) {
        if (next == FAILED) {
            return this == SENT;
        }
        return this != FAILED && ordinal() < next.ordinal();
    }

    /** The state named {@code value}; empty for a status Promptly does not track (e.g. {@code deleted}, {@code played}). */
    public static Optional<DeliveryState> fromWire(String value) {
        for (DeliveryState state : values()) {
            if (state.wire().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
