package dev.promptly.core.sla;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Calendars, policies and instants in Europe/Berlin for the SLA tests. */
final class SlaFixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);

    private SlaFixtures() {
    }

    /** Monday to Friday with the given ranges. */
    static BusinessCalendar weekdays(String... ranges) {
        return calendar(WEEKDAYS, HolidayCalendar.none(), Set.of(), ranges);
    }

    static BusinessCalendar everyDay(String... ranges) {
        return calendar(List.of(DayOfWeek.values()), HolidayCalendar.none(), Set.of(), ranges);
    }

    static BusinessCalendar calendar(List<DayOfWeek> days, HolidayCalendar holidays, Set<LocalDate> closures, String... ranges) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        List<TimeRange> parsed = Arrays.stream(ranges).map(TimeRange::parse).toList();
        days.forEach(day -> weekly.put(day, parsed));
        return BusinessCalendar.of(BERLIN, weekly, holidays, closures, Map.of());
    }

    static HolidayCalendar holiday(LocalDate date, String name) {
        return d -> d.equals(date) ? Optional.of(name) : Optional.empty();
    }

    /** A local time in Berlin, e.g. {@code berlin("2026-11-25T10:00")}. */
    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static SlaTarget business(String duration) {
        return new SlaTarget(Duration.parse(duration), TimeBasis.BUSINESS);
    }

    static SlaTarget calendarTime(String duration) {
        return new SlaTarget(Duration.parse(duration), TimeBasis.CALENDAR);
    }

    static SlaPolicy policy(String name, SlaMatch match, Map<SlaClockKind, SlaTarget> targets) {
        return new SlaPolicy(name, match, targets, false);
    }

    static SlaPolicies firstResponse(SlaTarget target) {
        return new SlaPolicies(List.of(policy("default", SlaMatch.EVERYTHING, Map.of(SlaClockKind.FIRST_RESPONSE, target))));
    }

    static SlaPolicies allClocks(SlaTarget first, SlaTarget next, SlaTarget resolution) {
        return new SlaPolicies(List.of(policy("default", SlaMatch.EVERYTHING, Map.of(SlaClockKind.FIRST_RESPONSE, first,
                SlaClockKind.NEXT_RESPONSE, next, SlaClockKind.RESOLUTION, resolution))));
    }

    static SlaEvent message(Instant at) {
        return SlaEvent.customerMessage(at, null, null);
    }

    static SlaEvent event(SlaEventType type, Instant at) {
        return SlaEvent.of(type, at);
    }
}
