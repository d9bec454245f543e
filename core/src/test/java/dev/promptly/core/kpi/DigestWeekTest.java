package dev.promptly.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigestWeekTest {
    private static final LocalDate EASTER_MONDAY = LocalDate.of(2026, 4, 6);

    private static BusinessCalendar weekdays(String zone, String hours) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(TimeRange.parse(hours)));
        }
        HolidayCalendar holidays = date -> date.equals(EASTER_MONDAY) ? Optional.of("Ostermontag") : Optional.empty();
        return BusinessCalendar.of(ZoneId.of(zone), weekly, holidays, Set.of(), Map.of());
    }

    @Test
    void theDigestOfLastWeekIsDueFromMondaysOpeningInTheShopsZoneUntilTheEndOfThatDay() {
        var berlin = weekdays("Europe/Berlin", "09:00-18:00");

        // 08:59 and 09:00 Berlin time on Monday 2026-12-07 (UTC+1), 23:59 that evening, and Tuesday morning
        assertEquals(Optional.empty(), DigestWeek.dueAt(berlin, Instant.parse("2026-12-07T07:59:00Z")));
        assertEquals(Optional.of(LocalDate.parse("2026-11-30")), DigestWeek.dueAt(berlin, Instant.parse("2026-12-07T08:00:00Z")));
        assertEquals(Optional.of(LocalDate.parse("2026-11-30")), DigestWeek.dueAt(berlin, Instant.parse("2026-12-07T22:59:00Z")));
        assertEquals(Optional.empty(), DigestWeek.dueAt(berlin, Instant.parse("2026-12-07T23:00:00Z")));
        assertEquals(Optional.empty(), DigestWeek.dueAt(berlin, Instant.parse("2026-12-10T10:00:00Z")), "Thursday");
        assertEquals(Optional.empty(), DigestWeek.dueAt(berlin, Instant.parse("2026-12-06T10:00:00Z")), "Sunday");
    }

    @Test
    void aShopFarEastGetsItsDigestWhileItIsStillSundayInUtc() {
        var auckland = weekdays("Pacific/Auckland", "08:00-17:00");

        // Monday 2026-12-07 08:00 in Auckland (UTC+13) is Sunday 19:00 UTC
        assertEquals(Optional.of(LocalDate.parse("2026-11-30")), DigestWeek.dueAt(auckland, Instant.parse("2026-12-06T19:00:00Z")));
        assertEquals(Optional.empty(), DigestWeek.dueAt(auckland, Instant.parse("2026-12-06T18:59:00Z")));
    }

    @Test
    void onAHolidayMondayTheDigestWaitsForTuesdaysOpening() {
        var berlin = weekdays("Europe/Berlin", "09:00-18:00");

        // Easter Monday 2026-04-06 (UTC+2) is closed; Tuesday opens at 09:00
        assertEquals(Optional.empty(), DigestWeek.dueAt(berlin, Instant.parse("2026-04-06T10:00:00Z")));
        assertEquals(Optional.of(LocalDate.parse("2026-03-30")), DigestWeek.dueAt(berlin, Instant.parse("2026-04-07T07:00:00Z")));
    }
}
