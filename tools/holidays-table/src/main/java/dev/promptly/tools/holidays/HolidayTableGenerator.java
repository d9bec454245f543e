package dev.promptly.tools.holidays;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.promptly.holidays.HolidayTableWriter;
import dev.promptly.holidays.HolidayTableWriter.Entry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the public-holiday table that {@code dev.promptly.holidays.PublicHolidays} reads at run time, from
 * the rules bundled with Jollyday, so that no function carries Jollyday, JAXB or an XML parser. Run it
 * after changing the Jollyday version or the range of years (command in docs/architecture.md, "Public
 * holidays"); {@code HolidayTableTest} in {@code core} fails until the table is regenerated.
 *
 * <p>The table is one gzipped binary resource written by core's {@code HolidayTableWriter} (format in
 * {@code HolidayTableIndex}): every ISO 3166 alpha-2 calendar of Jollyday with its national holidays and,
 * per first-level subdivision, the holidays it adds, each named in English and German. What counts is what
 * the old run-time code asked Jollyday: holidays of type {@code PUBLIC_HOLIDAY} of the country (and the
 * subdivision), on the date Jollyday reports (a substitute day may fall into the neighbouring year, so each
 * year's dates come from the rules of the year before, the year and the year after).
 *
 * <p>Usage: {@code HolidayTableGenerator <output file> <first year> <last year>}. The file is replaced.
 * Output is deterministic (sorted, gzip without a timestamp).
 */
public final class HolidayTableGenerator {
    private HolidayTableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: HolidayTableGenerator <output file> <first year> <last year>");
        }
        Path out = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int last = Integer.parseInt(args[2]);
        HolidayTableWriter table = new HolidayTableWriter(first, last);
        int countries = 0;
        int regions = 0;
        for (String country : new TreeSet<>(HolidayManager.getSupportedCalendarCodes())) {
            // Other codes are exchanges and settlement systems (NYSE, TARGET), not countries.
            if (!country.matches("[A-Z]{2}")) {
                continue;
            }
            regions += add(table, country, first, last);
            countries++;
        }
        byte[] encoded = table.encode();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (OutputStream file = Files.newOutputStream(out)) {
            HolidayTableWriter.writeGzip(encoded, file);
        }
        System.out.printf("%d countries, %d regions, %d-%d, %d bytes (%d uncompressed) in %s%n",
                countries, regions, first, last, Files.size(out), encoded.length, out);
    }

    private static int add(HolidayTableWriter table, String country, int first, int last) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
        Map<String, String> subdivisions = new TreeMap<>();
        for (String code : manager.getCalendarHierarchy().getChildren().keySet()) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (!upper.matches("[A-Z0-9]+") || subdivisions.put(upper, code) != null) {
                throw new IllegalStateException(country + ": subdivision code " + code + " is not a unique token");
            }
        }
        Set<Entry> national = entries(manager, first, last);
        SortedMap<String, Set<Entry>> own = new TreeMap<>();
        for (var subdivision : subdivisions.entrySet()) {
            Set<Entry> all = entries(manager, first, last, subdivision.getValue());
            if (!all.containsAll(national)) {
                throw new IllegalStateException(country + "-" + subdivision.getKey()
                        + " lacks a national holiday; the table format cannot express that");
            }
            all.removeAll(national);
            own.put(subdivision.getKey(), all);
        }
        table.add(country, national, own);
        return subdivisions.size();
    }

    /** The public holidays dated {@code first} to {@code last}, from the rules of one year more on each side. */
    private static Set<Entry> entries(HolidayManager manager, int first, int last, String... subdivision) {
        Set<Entry> entries = new HashSet<>();
        for (int rulesYear = first - 1; rulesYear <= last + 1; rulesYear++) {
            for (Holiday holiday : manager.getHolidays(Year.of(rulesYear), HolidayType.PUBLIC_HOLIDAY, subdivision)) {
                int year = holiday.getDate().getYear();
                if (year >= first && year <= last) {
                    entries.add(new Entry(holiday.getDate(), holiday.getDescription(Locale.ENGLISH),
                            holiday.getDescription(Locale.GERMAN)));
                }
            }
        }
        return entries;
    }
}
