package dev.promptly.holidays;

import java.time.LocalDate;

/**
 * How the holiday table ({@link HolidayTable}) writes a holiday's date as a number that stays the same from
 * one year to the next for the usual rules: a fixed day of a month, a day counted from (Western or Orthodox)
 * Easter Sunday, the n-th weekday of a month counted from its start or its end. A holiday that follows its
 * rule then costs one number for all years; one that does not (a substitute day, a lunar date) a small
 * difference per year. Only a code for the table: the dates themselves come from Jollyday at build time.
 *
 * <p>The ordinals are the wire codes: append new constants at the end, never reorder.
 */
enum Recurrence {
    /** {@code (month - 1) * 31 + (day - 1)}. */
    MONTH_DAY,
    /** Days after Western (Gregorian) Easter Sunday, negative before it. */
    EASTER,
    /** Days after Orthodox (Julian) Easter Sunday, on the Gregorian calendar, negative before it. */
    ORTHODOX_EASTER,
    /** The n-th (from 0) given weekday of a month: {@code (month - 1) * 35 + (weekday - 1) * 5 + n}. */
    NTH_WEEKDAY,
    /** The n-th (from 0) given weekday of a month counted from its end, coded as {@link #NTH_WEEKDAY}. */
    NTH_LAST_WEEKDAY;

    private static final Recurrence[] CODES = values();

    /** {@code date} as this recurrence's number. */
    int valueOf(LocalDate date) {
        return switch (this) {
            case MONTH_DAY -> (date.getMonthValue() - 1) * 31 + date.getDayOfMonth() - 1;
            case EASTER, ORTHODOX_EASTER -> (int) (date.toEpochDay() - easter(date.getYear()).toEpochDay());
            case NTH_WEEKDAY -> weekdayValue(date, (date.getDayOfMonth() - 1) / 7);
            case NTH_LAST_WEEKDAY -> weekdayValue(date, (date.lengthOfMonth() - date.getDayOfMonth()) / 7);
        };
    }

    /**
     * The date in {@code year} that {@code value} stands for.
     *
     * @throws IllegalArgumentException if {@code value} names no date of {@code year}
     */
    LocalDate dateIn(int year, int value) {
        if (this == EASTER || this == ORTHODOX_EASTER) {
            // Bounded first, so a corrupt value cannot overflow the date arithmetic.
            check(value > -366 && value < 366, value, year);
            LocalDate date = easter(year).plusDays(value);
            check(date.getYear() == year, value, year);
            return date;
        }
        int months = this == MONTH_DAY ? 31 : 35;
        check(value >= 0 && value < 12 * months, value, year);
        LocalDate start = LocalDate.of(year, value / months + 1, 1);
        LocalDate date;
        if (this == MONTH_DAY) {
            check(value % 31 < start.lengthOfMonth(), value, year);
            date = start.plusDays(value % 31);
        } else if (this == NTH_WEEKDAY) {
            date = start.plusDays(Math.floorMod(weekday(value) - start.getDayOfWeek().getValue(), 7) + 7L * (value % 5));
        } else {
            LocalDate end = start.plusDays(start.lengthOfMonth() - 1L);
            date = end.minusDays(Math.floorMod(end.getDayOfWeek().getValue() - weekday(value), 7) + 7L * (value % 5));
        }
        check(date.getMonth() == start.getMonth(), value, year);
        return date;
    }

    /** The recurrence with wire code {@code code}, or null. */
    static Recurrence ofCode(int code) {
        return code >= 0 && code < CODES.length ? CODES[code] : null;
    }

    private LocalDate easter(int year) {
        return this == EASTER ? westernEaster(year) : orthodoxEaster(year);
    }

    /** The ISO weekday (1 Monday to 7 Sunday) in a weekday value. */
    private static int weekday(int value) {
        return value % 35 / 5 + 1;
    }

    private static int weekdayValue(LocalDate date, int n) {
        return (date.getMonthValue() - 1) * 35 + (date.getDayOfWeek().getValue() - 1) * 5 + n;
    }

    private static void check(boolean valid, int value, int year) {
        if (!valid) {
            throw new IllegalArgumentException("value " + value + " is no date of " + year);
        }
    }

    /**
     * Western Easter Sunday by the anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms", ch. 8;
     * https://en.wikipedia.org/wiki/Date_of_Easter#Anonymous_Gregorian_algorithm), valid from 1583.
     */
    static LocalDate westernEaster(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int monthAndDay = h + l - 7 * m + 114;
        return LocalDate.of(year, monthAndDay / 31, monthAndDay % 31 + 1);
    }

    /**
     * Orthodox Easter Sunday: the Julian computus (Meeus, "Astronomical Algorithms", ch. 8;
     * https://en.wikipedia.org/wiki/Date_of_Easter#Meeus's_Julian_algorithm) gives a Julian-calendar date in
     * March or April, moved to the Gregorian calendar by the centuries' difference (13 days in 1900-2099).
     */
    static LocalDate orthodoxEaster(int year) {
        int a = year % 4;
        int b = year % 7;
        int c = year % 19;
        int d = (19 * c + 15) % 30;
        int e = (2 * a + 4 * b - d + 34) % 7;
        int monthAndDay = d + e + 114;
        int julianToGregorian = year / 100 - year / 400 - 2;
        return LocalDate.of(year, monthAndDay / 31, monthAndDay % 31 + 1).plusDays(julianToGregorian);
    }
}
