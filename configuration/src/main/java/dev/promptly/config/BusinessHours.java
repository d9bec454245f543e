package dev.promptly.config;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.holidays.PublicHolidays;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A shop's opening hours as configured: weekly ranges per day, public holidays of a country (and
 * optionally a region such as {@code DE-NW}) taken from a holiday calendar, the shop's own closure days,
 * and special hours that replace the weekly ones on single dates (an empty list closes the date). Days
 * without ranges are closed. {@link #calendar(ZoneId)} turns them into a {@link BusinessCalendar}, whose
 * Javadoc states the rules.
 */
public record BusinessHours(String holidayCountry, String holidayRegion, Map<DayOfWeek, List<TimeRange>> weekly,
                            List<LocalDate> closures, Map<LocalDate, List<TimeRange>> specialHours) {
    public BusinessHours {
        weekly = copy(Objects.requireNonNull(weekly, "weekly"));
        closures = closures == null ? List.of() : List.copyOf(closures);
        specialHours = specialHours == null ? Map.of() : copy(specialHours);
    }

    private static <K> Map<K, List<TimeRange>> copy(Map<K, List<TimeRange>> ranges) {
        Map<K, List<TimeRange>> copy = new HashMap<>();
        ranges.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    /** The calendar in {@code zone}, with holidays named in English. */
    public BusinessCalendar calendar(ZoneId zone) {
        return calendar(zone, Locale.ENGLISH);
    }

    /**
     * The calendar in {@code zone}, with public holidays named in {@code holidayNames} where the holiday
     * library has that language. Cheap after the first call for a country: the holidays are cached.
     *
     * @throws IllegalArgumentException if the holiday country or region is unknown (the parser refuses those)
     */
    public BusinessCalendar calendar(ZoneId zone, Locale holidayNames) {
        HolidayCalendar holidays = holidayCountry == null ? HolidayCalendar.none()
                : PublicHolidays.of(holidayCountry, holidayRegion, holidayNames);
        return BusinessCalendar.of(zone, weekly, holidays, Set.copyOf(closures), specialHours);
    }
}
