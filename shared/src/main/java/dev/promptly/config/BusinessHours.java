package dev.promptly.config;

import dev.promptly.core.calendar.TimeRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shop's opening hours as configured: weekly ranges per day, public holidays of a country (and
 * optionally a region such as {@code DE-NW}) taken from a holiday calendar, and the shop's own closure
 * days. Days without ranges are closed.
 */
public record BusinessHours(String holidayCountry, String holidayRegion, Map<DayOfWeek, List<TimeRange>> weekly,
                            List<LocalDate> closures) {
    public BusinessHours {
        weekly = Map.copyOf(Objects.requireNonNull(weekly, "weekly"));
        weekly.values().forEach(Objects::requireNonNull);
        closures = closures == null ? List.of() : List.copyOf(closures);
    }
}
