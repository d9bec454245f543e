package dev.promptly.core.delay;

import java.time.Instant;
import java.util.List;

/**
 * What {@link DelayRules#assess} found for one order at one instant.
 *
 * @param delays      the delays current at that instant, order-level first, then per fulfillment in the
 *                    order's sequence; empty when nothing is late
 * @param nextCheckAt the earliest instant after {@code now} at which a rule could newly fire, a repeat of a
 *                    current delay could become due, or a notice held outside the send window (in the shop's
 *                    zone) becomes sendable; null when no time-based check can change anything — always for
 *                    an order that is not {@code notifiable}, and for an open order whose remaining changes
 *                    can only come from Shopify (its webhooks recompute the assessment)
 * @param notifiable  false for cancelled, refunded (or voided) and fully delivered orders: they get no
 *                    notices and need no more checks
 */
public record DelayAssessment(List<Delay> delays, Instant nextCheckAt, boolean notifiable) {
    /** A finished order: no delays, no checks. */
    public static final DelayAssessment FINISHED = new DelayAssessment(List.of(), null, false);

    /**
     * @throws IllegalArgumentException if a finished (not notifiable) order carries delays or a check time
     */
    public DelayAssessment {
        delays = List.copyOf(delays);
        if (!notifiable && (!delays.isEmpty() || nextCheckAt != null)) {
            throw new IllegalArgumentException("an order that gets no notices has no delays and needs no checks");
        }
    }
}
