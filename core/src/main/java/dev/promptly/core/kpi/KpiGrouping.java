package dev.promptly.core.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** How a report groups days: each day alone, or ISO weeks (Monday to Sunday). */
public enum KpiGrouping {
    DAY, WEEK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KpiGrouping> fromWire(String value) {
        for (KpiGrouping grouping : values()) {
            if (grouping.wire().equals(value)) {
                return Optional.of(grouping);
            }
        }
        return Optional.empty();
    }

    /** The first day of the period {@code day} belongs to. */
    public LocalDate periodStart(LocalDate day) {
        return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The last day of the period starting at {@code start}. */
    public LocalDate periodEnd(LocalDate start) {
        return this == DAY ? start : start.plusDays(6);
    }
}
