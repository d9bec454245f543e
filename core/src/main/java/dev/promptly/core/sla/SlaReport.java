package dev.promptly.core.sla;

import dev.promptly.core.message.ConversationStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation's clocks at {@code at}, with what explains them: the policy in effect and why, every
 * policy decision (re-evaluated on priority or tag changes until the first response), the calendar's
 * zone, and notes such as automatic replies that did not count.
 *
 * @param status null before the first customer message
 */
public record SlaReport(Instant at, ConversationStatus status, SlaFacts facts, Optional<SlaPolicies.PolicyMatch> policy,
                        List<PolicyDecision> decisions, ZoneId calendarZone, List<ClockReport> clocks, List<String> notes) {
    public SlaReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(policy, "policy");
        decisions = List.copyOf(decisions);
        clocks = List.copyOf(clocks);
        notes = List.copyOf(notes);
    }

    /** A (re-)evaluation of the policies: when, on what, and the result (empty: no policy matched). */
    public record PolicyDecision(Instant at, String trigger, Optional<SlaPolicies.PolicyMatch> match) {
    }

    public Optional<ClockReport> clock(String id) {
        return clocks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Whether the matched policy is urgent (its breaches go out at once, whatever the hour). */
    public boolean urgent() {
        return policy.map(p -> p.policy().urgent()).orElse(false);
    }
}
