package dev.promptly.core.calendar;

import static dev.promptly.core.calendar.CalendarBuilder.BERLIN;
import static dev.promptly.core.calendar.CalendarBuilder.aCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.holidays.PublicHolidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final HolidayCalendar GERMANY = PublicHolidays.of("DE", null, Locale.GERMAN);

    /** An instant written with its offset, e.g. {@code 2026-05-13T11:00+02:00}. */
    private static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    /** The expected result as a Berlin date-time, so a failure shows wall-clock time and offset. */
    private static ZonedDateTime berlin(String isoWithOffset) {
        return ZonedDateTime.parse(isoWithOffset + "[Europe/Berlin]");
    }

    private static ZonedDateTime inBerlin(Instant instant) {
        return instant.atZone(BERLIN);
    }

    private static Interval interval(String start, String end) {
        return new Interval(at(start), at(end));
    }

    @Nested
    class AddingBusinessTime {
        @Test
        void lunchBreakIsNotCounted() {
            var calendar = aCalendar().weekdays("09:00-12:00", "13:00-18:00").build();
            var wednesdayElevenAm = at("2026-05-13T11:00+02:00");

            var due = calendar.addBusinessTime(wednesdayElevenAm, Duration.ofHours(4));

            assertEquals(berlin("2026-05-13T16:00+02:00"), inBerlin(due));
        }

        @Test
        void aMessageOneMinuteBeforeClosingIsDueLateNextMorning() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();
            var tuesday1759 = at("2026-05-12T17:59+02:00");

            var due = calendar.addBusinessTime(tuesday1759, Duration.ofHours(4));

            assertEquals(berlin("2026-05-13T12:59+02:00"), inBerlin(due));
        }

        @Test
        void timeRunningOutExactlyAtClosingEndsAtClosing() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();
            var tuesday1759 = at("2026-05-12T17:59+02:00");

            var due = calendar.addBusinessTime(tuesday1759, Duration.ofMinutes(1));

            assertEquals(berlin("2026-05-12T18:00+02:00"), inBerlin(due));
        }

        @Test
        void fridayEveningIsAnsweredOnMonday() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();
            var fridayEvening = at("2026-05-08T19:30+02:00");

            var due = calendar.addBusinessTime(fridayEvening, Duration.ofHours(4));

            assertEquals(berlin("2026-05-11T13:00+02:00"), inBerlin(due));
        }

        @Test
        void replyPromiseSkipsGermanHoliday() {
            // Friday 3 October 2025, Tag der Deutschen Einheit; Thursday 17:30 is after closing.
            var calendar = aCalendar().weekdays("09:00-17:00").holidays(GERMANY).build();
            var thursdayEvening = at("2025-10-02T15:30Z");

            var due = calendar.addBusinessTime(thursdayEvening, Duration.ofHours(4));

            assertEquals(berlin("2025-10-06T13:00+02:00"), inBerlin(due));
        }

        @Test
        void ascensionDaySplitsAPromiseBetweenWednesdayAndFriday() {
            // Thursday 14 May 2026, Christi Himmelfahrt.
            var calendar = aCalendar().weekdays("09:00-18:00").holidays(GERMANY).build();
            var wednesdayAfternoon = at("2026-05-13T15:30+02:00");

            var due = calendar.addBusinessTime(wednesdayAfternoon, Duration.ofHours(4));

            assertEquals(berlin("2026-05-15T10:30+02:00"), inBerlin(due));
        }

        @Test
        void aClosureDayIsSkipped() {
            var calendar = aCalendar().weekdays("09:00-18:00").closedOn(LocalDate.of(2026, 3, 9)).build();
            var fridayAfternoon = at("2026-03-06T16:00+01:00");

            var due = calendar.addBusinessTime(fridayAfternoon, Duration.ofHours(4));

            assertEquals(berlin("2026-03-10T11:00+01:00"), inBerlin(due));
        }

        @Test
        void christmasEveHalfDayThenHolidaysThenMonday() {
            var calendar = aCalendar().weekdays("09:00-18:00").holidays(GERMANY)
                    .special(LocalDate.of(2026, 12, 24), "09:00-12:00").build();
            var christmasEveMorning = at("2026-12-24T10:00+01:00");

            var due = calendar.addBusinessTime(christmasEveMorning, Duration.ofHours(4));

            assertEquals(berlin("2026-12-28T11:00+01:00"), inBerlin(due));
        }

        @Test
        void zeroTimeFromAnOpenInstantIsThatInstant() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();
            var wednesdayNoon = at("2026-05-13T12:00+02:00");

            var due = calendar.addBusinessTime(wednesdayNoon, Duration.ZERO);

            assertEquals(wednesdayNoon, due);
        }

        @Test
        void zeroTimeFromClosingIsTheNextOpening() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();
            var fridayClosing = at("2026-05-08T18:00+02:00");

            var due = calendar.addBusinessTime(fridayClosing, Duration.ZERO);

            assertEquals(berlin("2026-05-11T09:00+02:00"), inBerlin(due));
        }

        @Test
        void negativeTimeIsRefused() {
            var calendar = aCalendar().weekdays("09:00-18:00").build();

            var e = assertThrows(IllegalArgumentException.class,
                    () -> calendar.addBusinessTime(at("2026-05-13T12:00+02:00"), Duration.ofMinutes(-1)));

            assertEquals("amount must not be negative", e.getMessage());
        }

        @Test
        void aShopOpenAroundTheClockCountsRealTimeEvenOverTheSpringForwardNight() {
            var calendar = aCalendar().everyDay("00:00-24:00").build();
            var saturdayNoon = at("2026-03-28T12:00+01:00");

            var due = calendar.addBusinessTime(saturdayNoon, Duration.ofHours(100));

            assertEquals(saturdayNoon.plus(Duration.ofHours(100)), due);
            assertEquals(berlin("2026-04-01T17:00+02:00"), inBerlin(due));
        }
    }

    @Nested
    class NightShifts {
        private final BusinessCalendar nightShift = aCalendar().weekdays("22:00-02:00").holidays(GERMANY).build();

        @Test
        void aShiftRunsPastMidnight() {
            var tuesdayNight = at("2026-05-12T23:00+02:00");

            var due = nightShift.addBusinessTime(tuesdayNight, Duration.ofHours(2));

            assertEquals(berlin("2026-05-13T01:00+02:00"), inBerlin(due));
        }

        @Test
        void timeLeftAfterAShiftMovesToTheNextShift() {
            var tuesdayNight = at("2026-05-12T23:00+02:00");

            var due = nightShift.addBusinessTime(tuesdayNight, Duration.ofHours(4));

            assertEquals(berlin("2026-05-13T23:00+02:00"), inBerlin(due));
        }

        @Test
        void aShiftBelongsToTheDayItStartsOn() {
            // Wednesday's shift runs into Ascension Day (Thursday 14 May 2026); Thursday's own shift is cancelled.
            assertTrue(nightShift.isOpen(at("2026-05-14T01:00+02:00")));
            assertFalse(nightShift.isOpen(at("2026-05-14T23:00+02:00")));
            assertFalse(nightShift.isOpen(at("2026-05-15T01:00+02:00")));
        }

        @Test
        void fridaysShiftRunsIntoSaturdayWithoutMakingItABusinessDay() {
            var saturdayOneAm = at("2026-05-16T01:00+02:00");

            assertTrue(nightShift.isOpen(saturdayOneAm));
            assertFalse(nightShift.isBusinessDay(LocalDate.of(2026, 5, 16)));
            assertTrue(nightShift.isBusinessDay(LocalDate.of(2026, 5, 15)));
        }

        @Test
        void touchingRangesOfTwoDatesMergeIntoOneInterval() {
            var calendar = aCalendar().on(DayOfWeek.MONDAY, "18:00-24:00").on(DayOfWeek.TUESDAY, "00:00-06:00").build();

            var intervals = calendar.openIntervals(at("2026-05-11T00:00+02:00"), at("2026-05-13T00:00+02:00"));

            assertEquals(List.of(interval("2026-05-11T18:00+02:00", "2026-05-12T06:00+02:00")), intervals);
        }
    }

    @Nested
    class DaylightSaving {
        private final BusinessCalendar nightShift = aCalendar().everyDay("22:00-06:00").build();
        private final BusinessCalendar office = aCalendar().weekdays("09:00-18:00").build();

        @Test
        void theSpringForwardNightShiftHasAnHourLessRealTime() {
            // 29 March 2026: 02:00 CET becomes 03:00 CEST.
            var shift = nightShift.openIntervals(at("2026-03-28T12:00+01:00"), at("2026-03-29T12:00+02:00"));

            assertEquals(List.of(interval("2026-03-28T22:00+01:00", "2026-03-29T06:00+02:00")), shift);
            assertEquals(Duration.ofHours(7), shift.get(0).duration());
        }

        @Test
        void theFallBackNightShiftHasAnHourMoreRealTime() {
            // 25 October 2026: 03:00 CEST becomes 02:00 CET.
            var between = nightShift.businessTimeBetween(at("2026-10-24T12:00+02:00"), at("2026-10-25T12:00+01:00"));

            assertEquals(Duration.ofHours(9), between);
        }

        @Test
        void eightHoursFromTheSpringForwardShiftEndInTheNextShift() {
            var saturdayTen = at("2026-03-28T22:00+01:00");

            var due = nightShift.addBusinessTime(saturdayTen, Duration.ofHours(8));

            assertEquals(berlin("2026-03-29T23:00+02:00"), inBerlin(due));
        }

        @Test
        void aMidnightToSixRangeIsFiveHoursInSpringAndSevenInAutumn() {
            var calendar = aCalendar().everyDay("00:00-06:00").build();

            var spring = calendar.businessTimeBetween(at("2025-03-30T00:00+01:00"), at("2025-03-30T12:00+02:00"));
            var autumn = calendar.businessTimeBetween(at("2025-10-26T00:00+02:00"), at("2025-10-26T12:00+01:00"));

            assertEquals(Duration.ofHours(5), spring);
            assertEquals(Duration.ofHours(7), autumn);
        }

        @Test
        void anEndInTheFallBackOverlapTakesTheLaterOffset() {
            var calendar = aCalendar().special(LocalDate.of(2026, 10, 25), "01:00-02:30").build();

            var intervals = calendar.openIntervals(at("2026-10-24T12:00+02:00"), at("2026-10-25T12:00+01:00"));

            assertEquals(List.of(interval("2026-10-25T01:00+02:00", "2026-10-25T02:30+01:00")), intervals);
        }

        @Test
        void aStartInTheSpringForwardGapMovesForward() {
            var calendar = aCalendar().special(LocalDate.of(2026, 3, 29), "02:30-05:00").build();

            var opening = calendar.nextOpening(at("2026-03-29T00:00+01:00"));

            assertEquals(berlin("2026-03-29T03:30+02:00"), inBerlin(opening));
        }

        @Test
        void aPromiseOverTheSpringForwardWeekendIsRightOnTheWallClock() {
            var fridayAfternoon = at("2026-03-27T16:00+01:00");

            var due = office.addBusinessTime(fridayAfternoon, Duration.ofHours(4));

            assertEquals(berlin("2026-03-30T11:00+02:00"), inBerlin(due));
        }

        @Test
        void aPromiseOverTheFallBackWeekendIsRightOnTheWallClock() {
            var fridayAfternoon = at("2026-10-23T16:00+02:00");

            var due = office.addBusinessTime(fridayAfternoon, Duration.ofHours(4));

            assertEquals(berlin("2026-10-26T11:00+01:00"), inBerlin(due));
            assertEquals(Duration.ofHours(4), office.businessTimeBetween(fridayAfternoon, due));
        }
    }

    @Nested
    class OpenTimeQueries {
        private final BusinessCalendar office = aCalendar().weekdays("09:00-12:00", "13:00-18:00").holidays(GERMANY).build();

        @Test
        void openingIsInsideAndClosingIsOutside() {
            assertTrue(office.isOpen(at("2026-05-13T09:00+02:00")));
            assertFalse(office.isOpen(at("2026-05-13T12:00+02:00")));
            assertTrue(office.isOpen(at("2026-05-13T17:59:59+02:00")));
            assertFalse(office.isOpen(at("2026-05-13T18:00+02:00")));
            assertFalse(office.isOpen(at("2026-05-14T10:00+02:00")));
        }

        @Test
        void nextOpeningIsTheInstantItselfWhenOpen() {
            var wednesdayTen = at("2026-05-13T10:00+02:00");

            assertEquals(wednesdayTen, office.nextOpening(wednesdayTen));
        }

        @Test
        void nextOpeningDuringLunchIsOnePm() {
            var opening = office.nextOpening(at("2026-05-13T12:15+02:00"));

            assertEquals(berlin("2026-05-13T13:00+02:00"), inBerlin(opening));
        }

        @Test
        void openIntervalsAreClippedToTheQuestion() {
            var intervals = office.openIntervals(at("2026-05-13T11:00+02:00"), at("2026-05-15T10:00+02:00"));

            assertEquals(List.of(
                    interval("2026-05-13T11:00+02:00", "2026-05-13T12:00+02:00"),
                    interval("2026-05-13T13:00+02:00", "2026-05-13T18:00+02:00"),
                    interval("2026-05-15T09:00+02:00", "2026-05-15T10:00+02:00")), intervals);
        }

        @Test
        void businessTimeBetweenAgreesWithAddingBusinessTime() {
            var wednesdayAfternoon = at("2026-05-13T15:30+02:00");
            var due = office.addBusinessTime(wednesdayAfternoon, Duration.ofHours(7));

            var between = office.businessTimeBetween(wednesdayAfternoon, due);

            assertEquals(berlin("2026-05-15T14:30+02:00"), inBerlin(due));
            assertEquals(Duration.ofHours(7), between);
        }

        @Test
        void businessTimeBetweenIsZeroBackwardsAndOverClosedTime() {
            assertEquals(Duration.ZERO, office.businessTimeBetween(at("2026-05-13T15:00+02:00"), at("2026-05-13T10:00+02:00")));
            assertEquals(Duration.ZERO, office.businessTimeBetween(at("2026-05-16T00:00+02:00"), at("2026-05-18T09:00+02:00")));
            assertEquals(List.of(), office.openIntervals(at("2026-05-13T15:00+02:00"), at("2026-05-13T15:00+02:00")));
        }

        @Test
        void overlappingRangesMerge() {
            var calendar = aCalendar().weekdays("09:00-13:00", "12:00-18:00").build();

            var intervals = calendar.openIntervals(at("2026-05-13T00:00+02:00"), at("2026-05-14T00:00+02:00"));

            assertEquals(List.of(interval("2026-05-13T09:00+02:00", "2026-05-13T18:00+02:00")), intervals);
            assertEquals(berlin("2026-05-13T17:00+02:00"),
                    inBerlin(calendar.addBusinessTime(at("2026-05-13T09:00+02:00"), Duration.ofHours(8))));
        }

        @Test
        void holidayNamesExplainClosedDays() {
            assertEquals(Optional.of("Christi Himmelfahrt"), office.holidayName(LocalDate.of(2026, 5, 14)));
            assertEquals(Optional.empty(), office.holidayName(LocalDate.of(2026, 5, 13)));
        }
    }

    @Nested
    class SpecialHours {
        @Test
        void specialHoursOpenAShopOnAHoliday() {
            var calendar = aCalendar().weekdays("09:00-18:00").holidays(GERMANY)
                    .special(LocalDate.of(2026, 5, 14), "10:00-14:00").build();

            assertTrue(calendar.isOpen(at("2026-05-14T11:00+02:00")));
            assertFalse(calendar.isOpen(at("2026-05-14T15:00+02:00")));
            assertTrue(calendar.isBusinessDay(LocalDate.of(2026, 5, 14)));
            assertEquals(Optional.of("Christi Himmelfahrt"), calendar.holidayName(LocalDate.of(2026, 5, 14)));
        }

        @Test
        void specialHoursWinOverAClosure() {
            var date = LocalDate.of(2026, 5, 13);
            var calendar = aCalendar().weekdays("09:00-18:00").closedOn(date).special(date, "10:00-12:00").build();

            assertTrue(calendar.isOpen(at("2026-05-13T11:00+02:00")));
        }

        @Test
        void anEmptySpecialDayIsClosed() {
            var calendar = aCalendar().weekdays("09:00-18:00").special(LocalDate.of(2026, 5, 13)).build();

            assertFalse(calendar.isOpen(at("2026-05-13T11:00+02:00")));
            assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 5, 13)));
        }

        @Test
        void aShopOpenOnlyOnSpecialDatesJumpsToTheNextOne() {
            var calendar = aCalendar().special(LocalDate.of(2027, 4, 1), "10:00-12:00").build();

            var opening = calendar.nextOpening(at("2026-05-13T11:00+02:00"));

            assertEquals(berlin("2027-04-01T10:00+02:00"), inBerlin(opening));
        }
    }

    @Nested
    class BusinessDays {
        private final BusinessCalendar office = aCalendar().weekdays("09:00-18:00").holidays(GERMANY).build();

        @Test
        void addingBusinessDaysSkipsTheHolidayAndTheWeekend() {
            var wednesday = LocalDate.of(2026, 5, 13);

            assertEquals(LocalDate.of(2026, 5, 15), office.addBusinessDays(wednesday, 1));
            assertEquals(LocalDate.of(2026, 5, 18), office.addBusinessDays(wednesday, 2));
        }

        @Test
        void twoBusinessDaysFromBeforeGermanUnityDayEndOnTuesday() {
            var thursday = LocalDate.of(2025, 10, 2);

            assertEquals(LocalDate.of(2025, 10, 7), office.addBusinessDays(thursday, 2));
        }

        @Test
        void zeroBusinessDaysIsTheDateItselfOrTheNextBusinessDay() {
            assertEquals(LocalDate.of(2026, 5, 13), office.addBusinessDays(LocalDate.of(2026, 5, 13), 0));
            assertEquals(LocalDate.of(2026, 5, 18), office.addBusinessDays(LocalDate.of(2026, 5, 16), 0));
        }

        @Test
        void oneBusinessDayAfterSaturdayIsMonday() {
            assertEquals(LocalDate.of(2026, 5, 18), office.addBusinessDays(LocalDate.of(2026, 5, 16), 1));
        }

        @Test
        void negativeBusinessDaysAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> office.addBusinessDays(LocalDate.of(2026, 5, 13), -1));
        }
    }

    @Nested
    class NeverOpen {
        private final BusinessCalendar closed = aCalendar().build();

        @Test
        void nextOpeningGivesUpAfterTwoYears() {
            var e = assertThrows(IllegalStateException.class, () -> closed.nextOpening(at("2026-05-13T11:00+02:00")));

            assertEquals("no business hours within two years", e.getMessage());
        }

        @Test
        void addingBusinessTimeGivesUpAfterTwoYears() {
            var e = assertThrows(IllegalStateException.class,
                    () -> closed.addBusinessTime(at("2026-05-13T11:00+02:00"), Duration.ofHours(4)));

            assertEquals("no business hours within two years", e.getMessage());
        }

        @Test
        void addingBusinessDaysGivesUpAfterTwoYears() {
            var e = assertThrows(IllegalStateException.class, () -> closed.addBusinessDays(LocalDate.of(2026, 5, 13), 1));

            assertEquals("no business hours within two years", e.getMessage());
        }

        @Test
        void aShopClosedForLongerThanTwoYearsGivesUpToo() {
            var reopening = aCalendar().special(LocalDate.of(2029, 1, 2), "09:00-18:00").build();

            assertThrows(IllegalStateException.class, () -> reopening.nextOpening(at("2026-05-13T11:00+02:00")));
        }

        @Test
        void questionsAboutAGivenSpanStillAnswer() {
            var from = at("2026-05-13T11:00+02:00");

            assertFalse(closed.isOpen(from));
            assertFalse(closed.isBusinessDay(LocalDate.of(2026, 5, 13)));
            assertEquals(Duration.ZERO, closed.businessTimeBetween(from, from.plus(Duration.ofDays(3650))));
        }
    }
}
