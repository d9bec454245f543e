package dev.promptly.core.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a clock may run before it is breached, and how that time is counted.
 *
 * @param budget positive; counted only while the clock runs (pauses do not count)
 * @param basis  business hours of the shop's calendar, or calendar hours
 */
public record SlaTarget(Duration budget, TimeBasis basis) {
    /** @throws IllegalArgumentException if {@code budget} is zero or negative */
    public SlaTarget {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(basis, "basis");
        if (budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException("must be > 0");
        }
    }
}
