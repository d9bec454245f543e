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
    MONTH_DAY {
        @Override
        int valueOf(LocalDate date) {
            return (date.getMonthValue() - 1) * 31 + date.getDayOfMonth() - 1;
        }

        @Override
        LocalDate dateIn(int year, int value) {
            check(value >= 0 && value < 12 * 31, value, year);
            int month = value / 31 + 1;
            int day = value % 31 + 1;
            check(day <= LocalDate.of(year, month, 1).lengthOfMonth(), value, year);
            return LocalDate.of(year, month, day);
        }
    },
    /** Days after Western (Gregorian) Easter Sunday, negative before it. */
    EASTER {
        @Override
        int valueOf(LocalDate date) {
            return (int) (date.toEpochDay() - westernEaster(date.getYear()).toEpochDay());
        }

        @Override
        LocalDate dateIn(int year, int value) {
            return inYear(westernEaster(year), value, year);
        }
    },
    /** Days after Orthodox (Julian) Easter Sunday, on the Gregorian calendar, negative before it. */
    ORTHODOX_EASTER {
        @Override
        int valueOf(LocalDate date) {
            return (int) (date.toEpochDay() - orthodoxEaster(date.getYear()).toEpochDay());
        }

        @Override
        LocalDate dateIn(int year, int value) {
            return inYear(orthodoxEaster(year), value, year);
        }
    },
    /** The n-th (from 0) given weekday of a month: {@code (month - 1) * 35 + (weekday - 1) * 5 + n}. */
    NTH_WEEKDAY {
        @Override
        int valueOf(LocalDate date) {
            return weekdayValue(date, (date.getDayOfMonth() - 1) / 7);
        }

        @Override
        LocalDate dateIn(int year, int value) {
            check(value >= 0 && value < 12 * 35, value, year);
            LocalDate start = LocalDate.of(year, value / 35 + 1, 1);
            LocalDate first = start.plusDays(Math.floorMod(weekday(value) - start.getDayOfWeek().getValue(), 7));
            LocalDate date = first.plusDays(7L * (value % 5));
            check(date.getMonth() == first.getMonth(), value, year);
            return date;
        }
    },
    /** The n-th (from 0) given weekday of a month counted from its end, coded as {@link #NTH_WEEKDAY}. */
    NTH_LAST_WEEKDAY {
        @Override
        int valueOf(LocalDate date) {
            return weekdayValue(date, (date.lengthOfMonth() - date.getDayOfMonth()) / 7);
        }

        @Override
        LocalDate dateIn(int year, int value) {
            check(value >= 0 && value < 12 * 35, value, year);
            LocalDate end = LocalDate.of(year, value / 35 + 1, 1).plusMonths(1).minusDays(1);
            LocalDate last = end.minusDays(Math.floorMod(end.getDayOfWeek().getValue() - weekday(value), 7));
            LocalDate date = last.minusDays(7L * (value % 5));
            check(date.getMonth() == last.getMonth(), value, year);
            return date;
        }
    };

    private static final Recurrence[] CODES = values();

    /** {@code date} as this recurrence's number. */
    abstract int valueOf(LocalDate date);

    /**
     * The date in {@code year} that {@code value} stands for.
     *
     * @throws IllegalArgumentException if {@code value} names no date of {@code year}
     */
    abstract LocalDate dateIn(int year, int value);

    /** The recurrence with wire code {@code code}, or null. */
    static Recurrence ofCode(int code) {
        return code >= 0 && code < CODES.length ? CODES[code] : null;
    }

    /** The ISO weekday (1 Monday to 7 Sunday) in a weekday value. */
    private static int weekday(int value) {
        return value % 35 / 5 + 1;
    }

    private static int weekdayValue(LocalDate date, int n) {
        return (date.getMonthValue() - 1) * 35 + (date.getDayOfWeek().getValue() - 1) * 5 + n;
    }

    private static LocalDate inYear(LocalDate easter, int value, int year) {
        // Bounded first, so a corrupt value cannot overflow the date arithmetic.
        check(value > -366 && value < 366, value, year);
        LocalDate date = easter.plusDays(value);
        check(date.getYear() == year, value, year);
        return date;
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
