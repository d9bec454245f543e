package dev.promptly.core.reply;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Dates, times and amounts as a reader of each language writes them, in the reader's time zone, with the zone's
 * short name so "10:00" is never ambiguous. Languages without their own pattern use English.
 */
public final class LocalizedDates {
    /** The zone's short name ("MEZ", "CEST", "EST"), the one part of a date and time that needs the JDK's locale data. */
    private static final Map<String, DateTimeFormatter> ZONE_NAME = Map.of(
            "de", DateTimeFormatter.ofPattern("z", Locale.GERMAN),
            "en", DateTimeFormatter.ofPattern("z", Locale.ENGLISH));
    /**
     * Day and month names of the two date patterns ({@code EEEE, d. MMMM yyyy} in German, {@code EEEE, d MMMM yyyy} in
     * English), written out as the JDK's formatters write them ({@code LocalizedDatesTest} compares every day of
     * three years): the formatters' text fields load the JDK's locale data, some 60 classes at the first delay notice
     * of a cold start and a sixth of the intake's first acknowledgement, for names that never change.
     */
    private static final Map<String, String[]> DAYS = Map.of(
            "de", new String[]{"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
            "en", new String[]{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"});
    private static final Map<String, String[]> MONTHS = Map.of(
            "de", new String[]{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                    "November", "Dezember"},
            "en", new String[]{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                    "November", "December"});

    private LocalizedDates() {
    }

    /**
     * A moment as {@code EEEE, d. MMMM yyyy, HH:mm 'Uhr' (z)} in German and {@code EEEE, d MMMM yyyy, HH:mm (z)} in
     * English write it ({@code LocalizedDatesTest} compares every hour of three years in zones of both hemispheres).
     */
    public static String dateTime(Instant at, ZoneId zone, String language) {
        String lang = DAYS.containsKey(language) ? language : "en";
        ZonedDateTime local = at.atZone(zone);
        return date(local.toLocalDate(), lang) + ", " + twoDigits(local.getHour()) + ":" + twoDigits(local.getMinute())
                + ("de".equals(lang) ? " Uhr" : "") + " (" + ZONE_NAME.get(lang).format(local) + ")";
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    public static String date(Instant at, ZoneId zone, String language) {
        return date(LocalDate.ofInstant(at, zone), language);
    }

    /** A calendar day, already in the reader's zone (a return window's last day). */
    public static String date(LocalDate day, String language) {
        String lang = DAYS.containsKey(language) ? language : "en";
        return DAYS.get(lang)[day.getDayOfWeek().getValue() - 1] + ", " + day.getDayOfMonth() + ("de".equals(lang) ? ". " : " ")
                + MONTHS.get(lang)[day.getMonthValue() - 1] + " " + day.getYear();
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
