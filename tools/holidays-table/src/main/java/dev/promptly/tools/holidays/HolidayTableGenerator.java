package dev.promptly.tools.holidays;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the public-holiday table that {@code dev.promptly.holidays.PublicHolidays} reads at run time, from
 * the rules bundled with Jollyday, so that no function carries Jollyday, JAXB or an XML parser. Run it
 * after changing the Jollyday version or the range of years (command in docs/architecture.md, "Public
 * holidays"); {@code HolidayTableTest} in {@code core} fails until the table is regenerated.
 *
 * <p>One gzipped UTF-8 file {@code <CC>.txt.gz} per ISO 3166 alpha-2 calendar of Jollyday, whose lines are:
 * <pre>
 * # comment
 * years 2020 2045                      first and last year covered, both inclusive
 * name New Year's Day&lt;TAB&gt;Neujahr      one per holiday name, English then German; ids count from 0
 * national                             the country's holidays follow
 * 2026 0101:0 0403:3 …                 one line per year (every year, possibly empty): MMDD:name id
 * region BY                            a first-level subdivision (DE-BY); its holidays add to the national ones
 * 2026 0106:5 0604:9                   only its years with holidays of its own
 * </pre>
 * A date with several holidays repeats its {@code MMDD}. What counts is what the old run-time code asked
 * Jollyday: holidays of type {@code PUBLIC_HOLIDAY} of the country (and the subdivision), on the date
 * Jollyday reports (a substitute day may fall into the neighbouring year, so each year's table is built
 * from the rules of the year before, the year and the year after).
 *
 * <p>Usage: {@code HolidayTableGenerator <output directory> <first year> <last year>}. The output directory's
 * {@code *.txt.gz} files are replaced. Output is deterministic (sorted, gzip without a timestamp).
 */
public final class HolidayTableGenerator {
    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale GERMAN = Locale.GERMAN;

    private HolidayTableGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: HolidayTableGenerator <output directory> <first year> <last year>");
        }
        Path out = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int last = Integer.parseInt(args[2]);
        if (first > last) {
            throw new IllegalArgumentException("first year " + first + " is after last year " + last);
        }
        Files.createDirectories(out);
        try (Stream<Path> old = Files.list(out)) {
            for (Path file : old.filter(p -> p.getFileName().toString().endsWith(".txt.gz")).toList()) {
                Files.delete(file);
            }
        }
        String version = jollydayVersion();
        long bytes = 0;
        int countries = 0;
        int regions = 0;
        for (String country : new TreeSet<>(HolidayManager.getSupportedCalendarCodes())) {
            // Other codes are exchanges and settlement systems (NYSE, TARGET), not countries.
            if (!country.matches("[A-Z]{2}")) {
                continue;
            }
            Path file = out.resolve(country + ".txt.gz");
            regions += write(country, first, last, version, file);
            bytes += Files.size(file);
            countries++;
        }
        System.out.printf("%d countries, %d regions, %d-%d, %d bytes in %s%n", countries, regions, first, last, bytes, out);
    }

    /** One holiday as the table stores it: its date and its names. */
    private record Entry(LocalDate date, String english, String german) {
    }

    private static int write(String country, int first, int last, String version, Path file) throws IOException {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
        Map<String, String> subdivisions = new TreeMap<>();
        for (String code : manager.getCalendarHierarchy().getChildren().keySet()) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (!upper.matches("[A-Z0-9]+") || subdivisions.put(upper, code) != null) {
                throw new IllegalStateException(country + ": subdivision code " + code + " is not a unique token");
            }
        }
        Set<Entry> national = entries(manager, first, last);
        Map<String, Set<Entry>> own = new LinkedHashMap<>();
        for (var subdivision : subdivisions.entrySet()) {
            Set<Entry> all = entries(manager, first, last, subdivision.getValue());
            if (!all.containsAll(national)) {
                throw new IllegalStateException(country + "-" + subdivision.getKey()
                        + " lacks a national holiday; the table format cannot express that");
            }
            Set<Entry> extra = new TreeSet<>(ORDER);
            extra.addAll(all);
            extra.removeAll(national);
            own.put(subdivision.getKey(), extra);
        }

        SortedSet<List<String>> names = new TreeSet<>(Comparator.<List<String>, String>comparing(n -> n.get(0)).thenComparing(n -> n.get(1)));
        Stream.concat(national.stream(), own.values().stream().flatMap(Set::stream))
                .forEach(entry -> names.add(List.of(entry.english(), entry.german())));
        Map<List<String>, Integer> ids = new HashMap<>();
        StringBuilder text = new StringBuilder();
        text.append("# Public holidays (Jollyday type PUBLIC_HOLIDAY) of ").append(country).append(", ")
                .append(first).append('-').append(last).append(", names in English and German.\n")
                .append("# Generated from Jollyday ").append(version)
                .append(" by tools/holidays-table (docs/architecture.md); do not edit: HolidayTableTest compares it with Jollyday.\n")
                .append("years ").append(first).append(' ').append(last).append('\n');
        for (List<String> name : names) {
            for (String language : name) {
                if (language.isBlank() || language.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                    throw new IllegalStateException(country + ": holiday name \"" + language + "\" cannot be stored");
                }
            }
            ids.put(name, ids.size());
            text.append("name ").append(name.get(0)).append('\t').append(name.get(1)).append('\n');
        }
        text.append("national\n");
        appendYears(text, national, first, last, ids, true);
        for (var region : own.entrySet()) {
            text.append("region ").append(region.getKey()).append('\n');
            appendYears(text, region.getValue(), first, last, ids, false);
        }
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            writer.write(text.toString());
        }
        return subdivisions.size();
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::date)
            .thenComparing(Entry::english).thenComparing(Entry::german);

    private static void appendYears(StringBuilder text, Set<Entry> entries, int first, int last,
                                    Map<List<String>, Integer> ids, boolean everyYear) {
        SortedMap<Integer, List<Entry>> byYear = new TreeMap<>();
        for (Entry entry : entries) {
            byYear.computeIfAbsent(entry.date().getYear(), y -> new ArrayList<>()).add(entry);
        }
        for (int year = first; year <= last; year++) {
            List<Entry> ofYear = byYear.getOrDefault(year, List.of());
            if (ofYear.isEmpty() && !everyYear) {
                continue;
            }
            text.append(year);
            for (Entry entry : ofYear) {
                text.append(' ').append(String.format("%02d%02d", entry.date().getMonthValue(), entry.date().getDayOfMonth()))
                        .append(':').append(ids.get(List.of(entry.english(), entry.german())));
            }
            text.append('\n');
        }
    }

    /** The public holidays dated {@code first} to {@code last}, from the rules of one year more on each side. */
    private static Set<Entry> entries(HolidayManager manager, int first, int last, String... subdivision) {
        Set<Entry> entries = new TreeSet<>(ORDER);
        for (int rulesYear = first - 1; rulesYear <= last + 1; rulesYear++) {
            for (Holiday holiday : manager.getHolidays(Year.of(rulesYear), HolidayType.PUBLIC_HOLIDAY, subdivision)) {
                int year = holiday.getDate().getYear();
                if (year >= first && year <= last) {
                    entries.add(new Entry(holiday.getDate(), holiday.getDescription(ENGLISH), holiday.getDescription(GERMAN)));
                }
            }
        }
        return entries;
    }

    private static String jollydayVersion() throws IOException {
        try (InputStream in = HolidayManager.class.getResourceAsStream(
                "/META-INF/maven/de.focus-shift/jollyday-core/pom.properties")) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown version)");
        }
    }
}
