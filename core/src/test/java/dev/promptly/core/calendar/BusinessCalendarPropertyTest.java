package dev.promptly.core.calendar;

import static dev.promptly.core.calendar.CalendarBuilder.BERLIN;
import static dev.promptly.core.calendar.CalendarBuilder.aCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.holidays.PublicHolidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of business-time arithmetic in Europe/Berlin, sampled around the daylight-saving changes of
 * 2025 and 2026 (30 March and 26 October 2025, 29 March and 25 October 2026).
 */
class BusinessCalendarPropertyTest {
    private static final List<LocalDate> DST_CHANGES = List.of(
            LocalDate.of(2025, 3, 30), LocalDate.of(2025, 10, 26), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25));

    private static final List<BusinessCalendar> CALENDARS = List.of(
            // An office with lunch, NRW holidays, closures between the years and a Christmas Eve half-day.
            aCalendar().weekdays("09:00-12:00", "13:00-18:00").holidays(PublicHolidays.of("DE", "DE-NW"))
                    .closedOn(LocalDate.of(2025, 12, 29), LocalDate.of(2025, 12, 30), LocalDate.of(2025, 12, 31))
                    .special(LocalDate.of(2026, 12, 24), "09:00-12:00")
                    .special(LocalDate.of(2026, 3, 29), "02:30-05:00").build(),
            // Night shifts every day, Sunday open around the clock (overlapping the Saturday shift).
            aCalendar().everyDay("22:00-06:00").on(DayOfWeek.SUNDAY, "00:00-24:00", "22:00-06:00").build(),
            // Ranges inside the hours that the clock changes skip or repeat.
            aCalendar().everyDay("01:30-02:30", "02:45-03:15").build(),
            // Half an hour a week, with a closure.
            aCalendar().on(DayOfWeek.WEDNESDAY, "10:00-10:30").closedOn(LocalDate.of(2026, 3, 25)).build());

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        return Arbitraries.of(CALENDARS);
    }

    /** Instants within ten days of a clock change, on any second. */
    @Provide
    Arbitrary<Instant> starts() {
        return Arbitraries.of(DST_CHANGES).flatMap(date -> Arbitraries.integers().between(-10 * 86_400, 10 * 86_400)
                .map(seconds -> date.atStartOfDay(BERLIN).toInstant().plusSeconds(seconds)));
    }

    /** Up to 200 hours, in minutes. */
    @Provide
    Arbitrary<Duration> amounts() {
        return Arbitraries.longs().between(0, 200 * 60).map(Duration::ofMinutes);
    }

    @Property(tries = 500)
    void aDeadlineIsNeverInClosedTime(@ForAll("calendars") BusinessCalendar calendar, @ForAll("starts") Instant start,
                                      @ForAll("amounts") Duration amount) {
        Instant due = calendar.addBusinessTime(start, amount);

        assertTrue(calendar.isOpen(due) || calendar.isOpen(due.minusNanos(1)),
                () -> due.atZone(BERLIN) + " is neither open nor the end of open time");
        assertFalse(due.isBefore(start));
    }

    @Property(tries = 500)
    void moreBusinessTimeNeverGivesAnEarlierDeadline(@ForAll("calendars") BusinessCalendar calendar,
                                                     @ForAll("starts") Instant start, @ForAll("amounts") Duration amount,
                                                     @ForAll @IntRange(max = 600) int moreMinutes) {
        Instant due = calendar.addBusinessTime(start, amount);

        Instant later = calendar.addBusinessTime(start, amount.plusMinutes(moreMinutes));

        assertFalse(later.isBefore(due), () -> later.atZone(BERLIN) + " is before " + due.atZone(BERLIN));
    }

    @Property(tries = 500)
    void aLaterStartNeverGivesAnEarlierDeadline(@ForAll("calendars") BusinessCalendar calendar,
                                                @ForAll("starts") Instant start, @ForAll("amounts") Duration amount,
                                                @ForAll @IntRange(max = 3 * 86_400) int laterSeconds) {
        Instant due = calendar.addBusinessTime(start, amount);

        Instant fromLater = calendar.addBusinessTime(start.plusSeconds(laterSeconds), amount);

        assertFalse(fromLater.isBefore(due));
    }

    @Property(tries = 500)
    void theBusinessTimeUntilTheDeadlineIsTheAmount(@ForAll("calendars") BusinessCalendar calendar,
                                                    @ForAll("starts") Instant start, @ForAll("amounts") Duration amount) {
        Instant due = calendar.addBusinessTime(start, amount);

        assertEquals(amount, calendar.businessTimeBetween(start, due));
    }

    @Property(tries = 300)
    void nothingIsOpenBeforeTheNextOpening(@ForAll("calendars") BusinessCalendar calendar, @ForAll("starts") Instant start) {
        Instant opening = calendar.nextOpening(start);

        assertTrue(calendar.isOpen(opening));
        assertEquals(Duration.ZERO, calendar.businessTimeBetween(start, opening));
    }

    /** An independent count: the open minutes found one by one with isOpen. */
    @Property(tries = 100)
    void businessTimeIsTheNumberOfOpenMinutes(@ForAll("calendars") BusinessCalendar calendar,
                                              @ForAll("starts") Instant anyStart,
                                              @ForAll @IntRange(max = 2 * 24 * 60) int minutes) {
        Instant start = anyStart.minusSeconds(anyStart.getEpochSecond() % 60);
        long open = 0;
        for (int minute = 0; minute < minutes; minute++) {
            if (calendar.isOpen(start.plusSeconds(60L * minute))) {
                open++;
            }
        }

        Duration between = calendar.businessTimeBetween(start, start.plusSeconds(60L * minutes));

        assertEquals(Duration.ofMinutes(open), between);
    }

    @Property(tries = 200)
    void openIntervalsAreOrderedSeparateAndOpen(@ForAll("calendars") BusinessCalendar calendar,
                                                @ForAll("starts") Instant start, @ForAll("amounts") Duration span) {
        List<Interval> intervals = calendar.openIntervals(start, start.plus(span));

        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            assertTrue(calendar.isOpen(interval.start()));
            assertTrue(calendar.isOpen(interval.end().minusNanos(1)));
            if (i > 0) {
                assertTrue(intervals.get(i - 1).end().isBefore(interval.start()), "touching intervals must be merged");
            }
        }
    }
}
