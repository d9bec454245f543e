package dev.promptly.core.sla;

import dev.promptly.core.calendar.BusinessCalendar;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When the team wants alerts, and what happens to one outside those hours: sent anyway, held until the
 * next opening, or collected into one digest sent at the next opening. Urgent alerts (breaches and
 * escalations of an urgent policy) always go at once.
 *
 * @param hours null: always (no alert is ever held)
 */
public record AlertHours(BusinessCalendar hours, Outside outside) {
    public enum Outside {
        SEND, HOLD, DIGEST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final AlertHours ALWAYS = new AlertHours(null, Outside.SEND);

    public AlertHours {
        Objects.requireNonNull(outside, "outside");
    }

    /** What to do with an alert raised at {@code at}. */
    public record Delivery(Mode mode, Instant notBefore) {
        public enum Mode { NOW, HELD, DIGEST }

        public static Delivery now(Instant at) {
            return new Delivery(Mode.NOW, at);
        }
    }

    public Delivery delivery(Instant at, boolean urgent) {
        if (hours == null || outside == Outside.SEND || urgent || hours.isOpen(at)) {
            return Delivery.now(at);
        }
        Instant opening = hours.nextOpening(at);
        return new Delivery(outside == Outside.HOLD ? Delivery.Mode.HELD : Delivery.Mode.DIGEST, opening);
    }

    /** Whether {@code stage} of a clock under {@code report}'s policy is urgent. */
    public static boolean urgent(SlaReport report, AlertStage stage) {
        return report.urgent() && stage.kind() != AlertStage.Kind.WARNING;
    }

    public Optional<BusinessCalendar> calendar() {
        return Optional.ofNullable(hours);
    }
}
