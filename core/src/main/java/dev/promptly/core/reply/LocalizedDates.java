package dev.promptly.core.reply;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Dates and times as a reader of each language writes them, in the reader's time zone, with the zone's
 * short name so "10:00" is never ambiguous. Languages without their own pattern use English.
 */
public final class LocalizedDates {
    private static final Map<String, DateTimeFormatter> DATE_TIME = Map.of(
            "de", DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy, HH:mm 'Uhr' (z)", Locale.GERMAN),
            "en", DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm (z)", Locale.ENGLISH));
    private static final Map<String, DateTimeFormatter> DATE = Map.of(
            "de", DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN),
            "en", DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH));

    private LocalizedDates() {
    }

    public static String dateTime(Instant at, ZoneId zone, String language) {
        return DATE_TIME.getOrDefault(language, DATE_TIME.get("en")).format(at.atZone(zone));
    }

    public static String date(Instant at, ZoneId zone, String language) {
        return DATE.getOrDefault(language, DATE.get("en")).format(at.atZone(zone));
    }
}
