package dev.promptly.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One clock of a conversation at a moment, derived from its event log.
 *
 * @param cycle      1 for the first-response and resolution clocks; the n-th next-response cycle otherwise
 * @param segments   every running and paused stretch since it started, in order
 * @param elapsed    the counted time (in {@code target.basis()}) up to the report's moment or its end
 * @param remaining  what is left of the budget, zero once breached
 * @param dueAt      when the budget runs out if the clock keeps running; null unless {@link ClockState#RUNNING}
 * @param breachedAt when the budget ran out, or null if it has not
 * @param satisfiedAt when the target was met (or the conversation solved, for resolution); null otherwise
 */
public record ClockReport(SlaClockKind kind, int cycle, SlaTarget target, ClockState state, Instant startedAt,
                          List<ClockSegment> segments, Duration elapsed, Duration remaining, Instant dueAt,
                          Instant breachedAt, Instant satisfiedAt) {
    public ClockReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        segments = List.copyOf(segments);
        if (state == ClockState.RUNNING && dueAt == null) {
            throw new IllegalArgumentException("a running clock has a due time");
        }
    }

    /** The clock's stable name in alert keys: {@code first_response}, {@code next_response-2}, {@code resolution}. */
    public String id() {
        return kind == SlaClockKind.NEXT_RESPONSE ? kind.wire() + "-" + cycle : kind.wire();
    }

    public boolean breached() {
        return breachedAt != null;
    }
}
