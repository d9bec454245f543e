package dev.promptly.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Test data builder: {@code aCalendar().weekdays("09:00-18:00").closedOn(date).build()}, Europe/Berlin by default. */
final class CalendarBuilder {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private ZoneId zone = BERLIN;
    private final Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    private HolidayCalendar holidays = HolidayCalendar.none();
    private final Set<LocalDate> closures = new HashSet<>();
    private final Map<LocalDate, List<TimeRange>> special = new TreeMap<>();

    static CalendarBuilder aCalendar() {
        return new CalendarBuilder();
    }

    CalendarBuilder zone(String id) {
        zone = ZoneId.of(id);
        return this;
    }

    /** Monday to Friday. */
    CalendarBuilder weekdays(String... ranges) {
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            on(day, ranges);
        }
        return this;
    }

    CalendarBuilder everyDay(String... ranges) {
        for (DayOfWeek day : DayOfWeek.values()) {
            on(day, ranges);
        }
        return this;
    }

    CalendarBuilder on(DayOfWeek day, String... ranges) {
        weekly.put(day, parse(ranges));
        return this;
    }

    CalendarBuilder holidays(HolidayCalendar calendar) {
        holidays = calendar;
        return this;
    }

    CalendarBuilder closedOn(LocalDate... dates) {
        closures.addAll(Arrays.asList(dates));
        return this;
    }

    /** Special hours for one date; no ranges closes it. */
    CalendarBuilder special(LocalDate date, String... ranges) {
        special.put(date, parse(ranges));
        return this;
    }

    BusinessCalendar build() {
        return BusinessCalendar.of(zone, weekly, holidays, closures, special);
    }

    private static List<TimeRange> parse(String... ranges) {
        return Arrays.stream(ranges).map(TimeRange::parse).toList();
    }
}
