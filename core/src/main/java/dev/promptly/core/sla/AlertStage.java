package dev.promptly.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A point in a clock's life at which the team is told: a warning {@code offset} before the breach, the
 * breach itself, or an escalation {@code offset} after it. Offsets are real (calendar) minutes: "15 minutes
 * left" means fifteen minutes on the wall clock.
 *
 * @param offset positive for warnings and escalations, zero for the breach
 */
public record AlertStage(Kind kind, Duration offset) {
    public enum Kind {
        WARNING, BREACH, ESCALATION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final AlertStage BREACH = new AlertStage(Kind.BREACH, Duration.ZERO);

    public AlertStage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(offset, "offset");
        if (kind == Kind.BREACH ? !offset.isZero() : (offset.isZero() || offset.isNegative())) {
            throw new IllegalArgumentException(kind == Kind.BREACH ? "a breach has no offset" : "must be > 0");
        }
    }

    public static AlertStage warning(Duration before) {
        return new AlertStage(Kind.WARNING, before);
    }

    public static AlertStage escalation(Duration after) {
        return new AlertStage(Kind.ESCALATION, after);
    }

    /** The stage's stable name in alert keys: {@code warning-PT15M}, {@code breach}, {@code escalation-PT1H}. */
    public String key() {
        return kind == Kind.BREACH ? kind.wire() : kind.wire() + "-" + offset;
    }

    /** When this stage comes for a clock due at {@code due}. */
    public Instant fireAt(Instant due) {
        return switch (kind) {
            case WARNING -> due.minus(offset);
            case BREACH -> due;
            case ESCALATION -> due.plus(offset);
        };
    }
}
