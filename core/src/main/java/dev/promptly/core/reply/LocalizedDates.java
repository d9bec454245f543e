package dev.promptly.core.reply;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Dates, times and amounts as a reader of each language writes them, in the reader's time zone, with the zone's
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

    /** A calendar day, already in the reader's zone (a return window's last day). */
    public static String date(LocalDate day, String language) {
        return DATE.getOrDefault(language, DATE.get("en")).format(day);
    }

    /**
     * An amount of money as a reader of the language writes it, with its ISO currency code after it:
     * {@code 12,50 EUR} in German, {@code 12.50 EUR} in English; two decimals at least.
     */
    public static String amount(BigDecimal amount, String currency, String language) {
        NumberFormat format = NumberFormat.getNumberInstance("de".equals(language) ? Locale.GERMAN : Locale.ENGLISH);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.scale()));
        format.setGroupingUsed(true);
        String number = format.format(amount);
        return currency == null || currency.isBlank() ? number : number + " " + currency;
    }
}
