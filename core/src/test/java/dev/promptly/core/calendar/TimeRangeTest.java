package dev.promptly.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
    @Test
    void aDayRangeEndsOnItsStartDay() {
        TimeRange range = TimeRange.parse("09:00-18:00");

        assertEquals(new TimeRange(LocalTime.of(9, 0), LocalTime.of(18, 0)), range);
        assertFalse(range.crossesMidnight());
    }

    @Test
    void aNightRangeRunsIntoTheNextDay() {
        TimeRange range = TimeRange.parse("22:00-02:00");

        assertTrue(range.crossesMidnight());
    }

    @Test
    void twentyFourHundredEndsTheStartDay() {
        TimeRange range = TimeRange.parse("18:00-24:00");

        assertEquals(new TimeRange(LocalTime.of(18, 0), LocalTime.MIDNIGHT), range);
        assertTrue(range.crossesMidnight());
        assertEquals("18:00-24:00", range.toString());
    }

    @Test
    void midnightToTwentyFourHundredIsTheWholeDay() {
        TimeRange range = TimeRange.parse("00:00-24:00");

        assertEquals(TimeRange.wholeDay(), range);
        assertTrue(range.crossesMidnight());
    }

    @Test
    void equalStartAndEndOtherThanMidnightAreRefusedAsEmpty() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("09:00-09:00"));

        assertEquals("a time range must not be empty", e.getMessage());
    }

    @Test
    void textWithoutTwoTimesIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("9-18-20"));

        assertEquals("must look like 09:00-18:00", e.getMessage());
    }
}
