package dev.promptly.core.delay;

import java.util.Objects;

/**
 * Stops a delay scan run that would send suspiciously many notices — a carrier or data outage, a wrong
 * setting — so it sends none, holds them and alerts the team. Stateless and thread-safe.
 */
public final class CircuitBreaker {
    /**
     * The share rule applies only to runs with at least this many due orders: a quiet run in which one of
     * two due orders is late is no outage.
     */
    public static final int MIN_DUE_FOR_SHARE = 20;

    private CircuitBreaker() {
    }

    /**
     * Whether a run that would send {@code noticesThisRun} notices for {@code dueOrdersThisRun} assessed
     * orders must send none: more notices than {@link DelayPolicy#maxNoticesPerRun()}, or — with at least
     * {@link #MIN_DUE_FOR_SHARE} due orders — more than {@link DelayPolicy#maxShareOfDue()} of them. Exactly
     * at a limit does not trip.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static boolean trips(int noticesThisRun, int dueOrdersThisRun, DelayPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (noticesThisRun < 0 || dueOrdersThisRun < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (noticesThisRun > policy.maxNoticesPerRun()) {
            return true;
        }
        return dueOrdersThisRun >= MIN_DUE_FOR_SHARE
                && noticesThisRun > policy.maxShareOfDue() * dueOrdersThisRun;
    }
}
