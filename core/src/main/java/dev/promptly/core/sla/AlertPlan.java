package dev.promptly.core.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which alert stages a conversation's clocks have reached, and when the next one comes. Only running
 * clocks alert: a paused, stopped or satisfied clock cannot be breached further. Each returned stage is
 * identified by clock id and stage key, so the caller records it once (the store's conditional write).
 *
 * <p>A warning whose moment has passed is dropped when a later stage of the same clock has come too (a
 * monitor that was down must not send "15 minutes left" after the breach). Breaches and escalations are
 * always kept. Pure; thread-safe.
 */
public final class AlertPlan {
    private final List<AlertStage> stages;

    /** @param stages the configured stages, in any order */
    public AlertPlan(List<AlertStage> stages) {
        List<AlertStage> copy = new ArrayList<>(Objects.requireNonNull(stages, "stages"));
        this.stages = List.copyOf(copy);
    }

    public List<AlertStage> stages() {
        return stages;
    }

    /** A stage a clock has reached. */
    public record DueAlert(ClockReport clock, AlertStage stage, Instant fireAt) {
        /** {@code <clock id>#<stage key>}: unique per conversation. */
        public String key() {
            return clock.id() + "#" + stage.key();
        }
    }

    /** The stages reached by {@code at}, oldest first. */
    public List<DueAlert> due(SlaReport report, Instant at) {
        List<DueAlert> due = new ArrayList<>();
        for (ClockReport clock : report.clocks()) {
            if (clock.state() != ClockState.RUNNING) {
                continue;
            }
            List<DueAlert> reached = new ArrayList<>();
            for (AlertStage stage : stages) {
                Instant fireAt = stage.fireAt(clock.dueAt());
                if (!fireAt.isAfter(at)) {
                    reached.add(new DueAlert(clock, stage, fireAt));
                }
            }
            reached.sort(Comparator.comparing(DueAlert::fireAt));
            for (int i = 0; i < reached.size(); i++) {
                boolean superseded = reached.get(i).stage().kind() == AlertStage.Kind.WARNING && i < reached.size() - 1;
                if (!superseded) {
                    due.add(reached.get(i));
                }
            }
        }
        due.sort(Comparator.comparing(DueAlert::fireAt));
        return due;
    }

    /** The first moment after {@code at} at which a stage comes, if the clocks keep running; empty if none will. */
    public Optional<Instant> nextCheckpoint(SlaReport report, Instant at) {
        Instant next = null;
        for (ClockReport clock : report.clocks()) {
            if (clock.state() != ClockState.RUNNING) {
                continue;
            }
            for (AlertStage stage : stages) {
                Instant fireAt = stage.fireAt(clock.dueAt());
                if (fireAt.isAfter(at) && (next == null || fireAt.isBefore(next))) {
                    next = fireAt;
                }
            }
        }
        return Optional.ofNullable(next);
    }
}
