package dev.promptly.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The numbers the holiday table writes dates as (Recurrence). */
class RecurrenceTest {
    @Test
    void everyDateFrom2000To2060IsReadBackFromItsValueByEveryRecurrence() {
        for (Recurrence recurrence : Recurrence.values()) {
            for (LocalDate date = LocalDate.of(2000, 1, 1); date.getYear() <= 2060; date = date.plusDays(1)) {
                int value = recurrence.valueOf(date);

                LocalDate read = recurrence.dateIn(date.getYear(), value);

                assertEquals(date, read, recurrence + " " + value);
            }
        }
    }

    @Test
    void easterSundaysAreTheChurchesDates() {
        // Western and Orthodox Easter Sundays as published for 2024-2026 (Gregorian calendar).
        assertEquals(LocalDate.of(2024, 3, 31), Recurrence.westernEaster(2024));
        assertEquals(LocalDate.of(2025, 4, 20), Recurrence.westernEaster(2025));
        assertEquals(LocalDate.of(2026, 4, 5), Recurrence.westernEaster(2026));
        assertEquals(LocalDate.of(2024, 5, 5), Recurrence.orthodoxEaster(2024));
        assertEquals(LocalDate.of(2025, 4, 20), Recurrence.orthodoxEaster(2025));
        assertEquals(LocalDate.of(2026, 4, 12), Recurrence.orthodoxEaster(2026));
    }

    @Test
    void aValueNamingNoDateOfTheYearIsRefused() {
        int fifthMondayOfFebruary = 35 + 4;
        int lastMondayOfDecember = 11 * 35 + 0 * 5;

        var february30 = assertThrows(IllegalArgumentException.class, () -> Recurrence.MONTH_DAY.dateIn(2026, 31 + 29));
        var fifthMonday = assertThrows(IllegalArgumentException.class,
                () -> Recurrence.NTH_WEEKDAY.dateIn(2026, fifthMondayOfFebruary));
        var nextYear = assertThrows(IllegalArgumentException.class, () -> Recurrence.EASTER.dateIn(2026, 300));
        var tooFar = assertThrows(IllegalArgumentException.class, () -> Recurrence.EASTER.dateIn(2026, Integer.MAX_VALUE));

        assertEquals("value 60 is no date of 2026", february30.getMessage());
        assertEquals("value 39 is no date of 2026", fifthMonday.getMessage());
        assertEquals("value 300 is no date of 2026", nextYear.getMessage());
        assertEquals("value " + Integer.MAX_VALUE + " is no date of 2026", tooFar.getMessage());
        assertEquals(LocalDate.of(2026, 12, 28), Recurrence.NTH_LAST_WEEKDAY.dateIn(2026, lastMondayOfDecember));
    }
}
