package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Dates written out without the JDK's locale data read as the JDK's formatters of each language write them. */
class LocalizedDatesTest {
    @Test
    void everyDayOfThreeYearsReadsAsTheJdksGermanAndEnglishPatternsWriteIt() {
        var german = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN);
        var english = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
        for (LocalDate day = LocalDate.parse("2026-01-01"); day.isBefore(LocalDate.parse("2029-01-01")); day = day.plusDays(1)) {
            assertEquals(german.format(day), LocalizedDates.date(day, "de"));
            assertEquals(english.format(day), LocalizedDates.date(day, "en"));
            assertEquals(english.format(day), LocalizedDates.date(day, "fr"), "a language without its own pattern uses English");
        }
    }

    @Test
    void everyHourOfThreeYearsReadsAsTheJdksDateTimePatternsWriteIt() {
        var german = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy, HH:mm 'Uhr' (z)", Locale.GERMAN);
        var english = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm (z)", Locale.ENGLISH);
        // Summer time in both hemispheres, a half-hour zone with a half-hour shift, quarter-hour offsets, none at all.
        for (String id : List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Kolkata", "UTC")) {
            ZoneId zone = ZoneId.of(id);
            for (Instant at = Instant.parse("2026-01-01T00:07:00Z"); at.isBefore(Instant.parse("2029-01-01T00:00:00Z"));
                    at = at.plusSeconds(3_600 + 60)) {
                assertEquals(german.format(at.atZone(zone)), LocalizedDates.dateTime(at, zone, "de"));
                assertEquals(english.format(at.atZone(zone)), LocalizedDates.dateTime(at, zone, "en"));
                assertEquals(english.format(at.atZone(zone)), LocalizedDates.dateTime(at, zone, "fr"), "a language without its own pattern uses English");
            }
        }
    }

    @Test
    void anInstantIsDatedInTheReadersZone() {
        Instant lateEvening = Instant.parse("2026-03-01T23:30:00Z");

        assertEquals("Montag, 2. März 2026", LocalizedDates.date(lateEvening, ZoneId.of("Europe/Berlin"), "de"));
        assertEquals("Sunday, 1 March 2026", LocalizedDates.date(lateEvening, ZoneId.of("America/New_York"), "en"));
    }
}
