package dev.promptly.core.delay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The local hours in which a customer may receive a notice, half-open {@code [start, end)}, e.g.
 * {@code 08:00-20:00}, read in the recipient's time zone. The window lies within one day: windows over
 * midnight are refused, since nobody's sensible hours run through the night. Immutable and thread-safe.
 *
 * @param start first local time at which a notice may go out, inclusive
 * @param end   first local time at which it may no longer go out, exclusive
 */
public record SendWindow(LocalTime start, LocalTime end) {
    /** 08:00 to 20:00. */
    public static final SendWindow DEFAULT = new SendWindow(LocalTime.of(8, 0), LocalTime.of(20, 0));

    /**
     * @throws IllegalArgumentException if {@code start} is not before {@code end}
     */
    public SendWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the send window must start before it ends, within one day");
        }
    }

    /**
     * Parses {@code HH:mm-HH:mm}.
     *
     * @throws IllegalArgumentException if the text is not two times joined by {@code -}, or they are out of order
     * @throws java.time.format.DateTimeParseException if a time cannot be read
     */
    public static SendWindow parse(String raw) {
        String[] parts = raw == null ? new String[0] : raw.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must look like 08:00-20:00");
        }
        return new SendWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    }

    /** Whether {@code at} lies inside the window in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(start) && local.isBefore(end);
    }

    /**
     * {@code now} itself when it lies inside the window in {@code recipientZone}, else the window's next
     * opening there. A start the clock skips on a spring-forward night moves forward by the gap
     * ({@link ZonedDateTime#of}); an opening in the repeated hour of a fall-back night takes its first
     * occurrence.
     */
    public Instant nextSendableAt(Instant now, ZoneId recipientZone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(recipientZone, "recipientZone");
        ZonedDateTime local = now.atZone(recipientZone);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(start) && time.isBefore(end)) {
            return now;
        }
        LocalDate day = time.isBefore(start) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        Instant opening = ZonedDateTime.of(day, start, recipientZone).toInstant();
        // A gap can push today's opening past `now` only forward; never return an instant in the past.
        return opening.isAfter(now) ? opening : now;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
