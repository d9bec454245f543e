package dev.promptly.core.kpi;

import dev.promptly.core.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a shop's weekly KPI digest is due: at the shop's first opening on or after Monday 00:00 in its zone (on a
 * holiday Monday, the next opening day's), and until the end of that day in the shop's zone, so a schedule that
 * runs every few minutes catches it and a later day does not send an old week. The digest reports the ISO week
 * before that Monday.
 */
public final class DigestWeek {
    private DigestWeek() {
    }

    /**
     * The Monday of the week whose digest is due at {@code now}; empty when none is due (before the opening, on a
     * later day, or a calendar without opening hours).
     */
    public static Optional<LocalDate> dueAt(BusinessCalendar calendar, Instant now) {
        LocalDate today = now.atZone(calendar.zone()).toLocalDate();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant opening;
        try {
            opening = calendar.nextOpening(monday.atStartOfDay(calendar.zone()).toInstant());
        } catch (IllegalStateException noOpeningHours) {
            return Optional.empty();
        }
        boolean due = !now.isBefore(opening) && opening.atZone(calendar.zone()).toLocalDate().equals(today);
        return due ? Optional.of(monday.minusWeeks(1)) : Optional.empty();
    }
}
