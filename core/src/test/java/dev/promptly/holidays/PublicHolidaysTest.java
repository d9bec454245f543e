package dev.promptly.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PublicHolidaysTest {
    private static Map<LocalDate, String> holidaysIn(PublicHolidays holidays, int year) {
        Map<LocalDate, String> found = new TreeMap<>();
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            LocalDate date = day;
            holidays.holiday(date).ifPresent(name -> found.put(date, name));
        }
        return found;
    }

    @Test
    void germanNationalHolidaysOf2026AreExactlyTheNineFederalOnes() {
        var germany = PublicHolidays.of("DE", null, Locale.GERMAN);

        Map<LocalDate, String> holidays = holidaysIn(germany, 2026);

        assertEquals(Map.of(
                LocalDate.of(2026, 1, 1), "Neujahr",
                LocalDate.of(2026, 4, 3), "Karfreitag",
                LocalDate.of(2026, 4, 6), "Ostermontag",
                LocalDate.of(2026, 5, 1), "Tag der Arbeit",
                LocalDate.of(2026, 5, 14), "Christi Himmelfahrt",
                LocalDate.of(2026, 5, 25), "Pfingstmontag",
                LocalDate.of(2026, 10, 3), "Tag der Deutschen Einheit",
                LocalDate.of(2026, 12, 25), "1. Weihnachtsfeiertag",
                LocalDate.of(2026, 12, 26), "2. Weihnachtsfeiertag"), holidays);
    }

    @Test
    void corpusChristiIsAHolidayInNorthRhineWestphaliaAndBavariaButNotNationwide() {
        LocalDate corpusChristi = LocalDate.of(2026, 6, 4);

        Optional<String> nationwide = PublicHolidays.of("DE", null, Locale.GERMAN).holiday(corpusChristi);
        Optional<String> northRhineWestphalia = PublicHolidays.of("DE", "DE-NW", Locale.GERMAN).holiday(corpusChristi);
        Optional<String> bavaria = PublicHolidays.of("DE", "DE-BY", Locale.GERMAN).holiday(corpusChristi);

        assertEquals(Optional.empty(), nationwide);
        assertEquals(Optional.of("Fronleichnam"), northRhineWestphalia);
        assertEquals(Optional.of("Fronleichnam"), bavaria);
    }

    @Test
    void reformationDayIsAHolidayInSaxonyAndBrandenburgButNotInNorthRhineWestphalia() {
        LocalDate reformationDay = LocalDate.of(2026, 10, 31);

        assertEquals(Optional.of("Reformationstag"), PublicHolidays.of("DE", "DE-SN", Locale.GERMAN).holiday(reformationDay));
        assertEquals(Optional.of("Reformationstag"), PublicHolidays.of("DE", "DE-BB", Locale.GERMAN).holiday(reformationDay));
        assertEquals(Optional.empty(), PublicHolidays.of("DE", "DE-NW", Locale.GERMAN).holiday(reformationDay));
    }

    @Test
    void aRegionKeepsTheNationalHolidays() {
        var bavaria = PublicHolidays.of("DE", "DE-BY", Locale.GERMAN);

        assertEquals(Optional.of("Tag der Deutschen Einheit"), bavaria.holiday(LocalDate.of(2026, 10, 3)));
        assertEquals(Optional.of("Heilige Drei Könige"), bavaria.holiday(LocalDate.of(2026, 1, 6)));
    }

    @Test
    void namesAreEnglishUnlessALanguageIsAsked() {
        var germany = PublicHolidays.of("DE", null);

        assertEquals(Optional.of("New Year's Day"), germany.holiday(LocalDate.of(2026, 1, 1)));
    }

    @Test
    void anOrdinaryWorkingDayIsNoHoliday() {
        assertEquals(Optional.empty(), PublicHolidays.of("DE", "DE-NW").holiday(LocalDate.of(2026, 3, 10)));
    }

    @Test
    void aSubstituteDayInTheYearBeforeCounts() {
        // 1 January 2022 was a Saturday; the United States took the holiday on Friday, 31 December 2021.
        var unitedStates = PublicHolidays.of("US", null);

        assertEquals(Optional.of("New Year's Day"), unitedStates.holiday(LocalDate.of(2021, 12, 31)));
        assertEquals(Optional.empty(), unitedStates.holiday(LocalDate.of(2022, 1, 1)));
    }

    @Test
    void theSameCountryRegionAndLanguageGiveTheSameCachedInstance() {
        assertSame(PublicHolidays.of("DE", "DE-NW"), PublicHolidays.of("DE", "DE-NW"));
    }

    @Test
    void germanRegionsAreTheSixteenStatesAsIsoCodes() {
        var regions = PublicHolidays.regionsOf("DE");

        assertEquals(16, regions.size(), regions.toString());
        assertTrue(regions.containsAll(java.util.List.of("DE-BY", "DE-NW", "DE-SN", "DE-BB", "DE-BE")), regions.toString());
    }

    @Test
    void unknownCountriesAndRegionsAreRefused() {
        var country = assertThrows(IllegalArgumentException.class, () -> PublicHolidays.of("ZZ", null));
        var region = assertThrows(IllegalArgumentException.class, () -> PublicHolidays.of("DE", "DE-XX"));

        assertEquals("holiday country ZZ is not known to the holiday calendar", country.getMessage());
        assertEquals("holiday region DE-XX is not known to the holiday calendar", region.getMessage());
        assertFalse(PublicHolidays.knowsCountry("ZZ"));
        assertFalse(PublicHolidays.knowsCountry("de"));
        assertTrue(PublicHolidays.knowsCountry("DE"));
        assertEquals(java.util.Set.of(), PublicHolidays.regionsOf("ZZ"));
    }

    @Test
    void namesAreGermanForEveryGermanLocaleAndEnglishForOtherLanguages() {
        LocalDate newYear = LocalDate.of(2026, 1, 1);

        Optional<String> austrianGerman = PublicHolidays.of("AT", null, Locale.forLanguageTag("de-AT")).holiday(newYear);
        Optional<String> french = PublicHolidays.of("FR", null, Locale.FRENCH).holiday(newYear);

        assertEquals(Optional.of("Neujahr"), austrianGerman);
        assertEquals(Optional.of("New Year's Day"), french);
    }

    @Test
    void datesOutsideTheTabulatedYearsAreRefusedRatherThanAnsweredAsNoHoliday() {
        var germany = PublicHolidays.of("DE", null, Locale.GERMAN);

        var before = assertThrows(HolidaysNotTabulatedException.class, () -> germany.holiday(LocalDate.of(1999, 12, 31)));
        var after = assertThrows(HolidaysNotTabulatedException.class, () -> germany.holiday(LocalDate.of(2061, 1, 1)));

        assertEquals("public holidays are tabulated for 2000-2060 only, not for 1999 (regenerate the table,"
                + " see docs/architecture.md)", before.getMessage());
        assertTrue(after.getMessage().contains("not for 2061"), after.getMessage());
        assertEquals(Optional.of("Neujahr"), germany.holiday(LocalDate.of(2000, 1, 1)));
        assertEquals(Optional.of("2. Weihnachtsfeiertag"), germany.holiday(LocalDate.of(2060, 12, 26)));
        assertEquals(2000, germany.firstYear());
        assertEquals(2060, germany.lastYear());
    }
}
