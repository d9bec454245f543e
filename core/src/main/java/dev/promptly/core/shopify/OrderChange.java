package dev.promptly.core.shopify;

import java.util.Objects;

/** The result of applying one webhook to the stored state of an order. */
public record OrderChange(Outcome outcome, Order next) {
    public enum Outcome {
        /** The state changed; {@code next} must be stored. */
        APPLIED,
        /** The payload carried nothing new; {@code next} equals what is stored. */
        UNCHANGED,
        /** The payload is older than what is stored and was ignored. */
        STALE
    }

    public OrderChange {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(next, "next");
    }

    public boolean changed() {
        return outcome == Outcome.APPLIED;
    }
}
