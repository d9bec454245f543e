package dev.promptly.holidays;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.GZIPInputStream;

/**
 * One country's precomputed public holidays, read from {@code table/<CC>.txt.gz} next to this class. The
 * files are generated from Jollyday by {@code tools/holidays-table} (format and command in
 * {@code HolidayTableGenerator} and docs/architecture.md) and checked against Jollyday by
 * {@code HolidayTableTest}, so no XML is parsed and no holiday library is loaded at run time.
 *
 * <p>A file is read by hand in one pass over its lines (at most about 10 KB gzipped and 100 KB as
 * text), at most once per JVM and country, on first use. Loading keeps each year's line as text;
 * {@link #holidaysIn} parses one year's entries when that year is first asked for, so a cold start pays
 * for the names and the year it needs, not for 61 years of dates. A malformed file is a build error,
 * reported as {@link IllegalStateException} naming the file and the line or year. Immutable once loaded;
 * the cache is thread-safe.
 */
final class HolidayTable {
    /** Unknown countries are cached too; {@link #isCountryCode} bounds the cache to 676 entries. */
    private static final ConcurrentMap<String, Optional<HolidayTable>> BY_COUNTRY = new ConcurrentHashMap<>();

    private final String source;
    private final int firstYear;
    private final int lastYear;
    private final String[] english;
    private final String[] german;
    /** Per year from {@code firstYear}, the entries of the country's line ({@code "0101:17 0403:13"}, maybe empty). */
    private final String[] national;
    /** Per subdivision code ({@code BY}), per year, the entries it adds to the national ones (null: none). */
    private final Map<String, String[]> regions;

    private HolidayTable(String source, int firstYear, int lastYear, String[] english, String[] german,
                         String[] national, Map<String, String[]> regions) {
        this.source = source;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.english = english;
        this.german = german;
        this.national = national;
        this.regions = regions;
    }

    /** The table of the ISO 3166 alpha-2 {@code country}, or empty if there is none (or the code is malformed). */
    static Optional<HolidayTable> of(String country) {
        if (!isCountryCode(country)) {
            return Optional.empty();
        }
        return BY_COUNTRY.computeIfAbsent(country, HolidayTable::load);
    }

    /** Two letters A-Z; checked before the code becomes part of a resource name. */
    private static boolean isCountryCode(String code) {
        return code != null && code.length() == 2 && isUpper(code.charAt(0)) && isUpper(code.charAt(1));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static Optional<HolidayTable> load(String country) {
        String resource = "table/" + country + ".txt.gz";
        try (InputStream raw = HolidayTable.class.getResourceAsStream(resource)) {
            if (raw == null) {
                return Optional.empty();
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return Optional.of(parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday table " + resource, e);
        }
    }

    static HolidayTable parse(String source, String text) {
        int firstYear = 0;
        int lastYear = -1;
        List<String> english = new ArrayList<>();
        List<String> german = new ArrayList<>();
        String[] national = null;
        Map<String, String[]> regions = new HashMap<>();
        String[] section = null;
        int lineNumber = 0;
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            start = end + 1;
            lineNumber++;
            try {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                if (line.startsWith("years ")) {
                    int space = line.indexOf(' ', 6);
                    firstYear = Integer.parseInt(line, 6, space, 10);
                    lastYear = Integer.parseInt(line, space + 1, line.length(), 10);
                    if (lastYear < firstYear) {
                        throw new IllegalArgumentException("no years");
                    }
                } else if (line.startsWith("name ")) {
                    int tab = line.indexOf('\t');
                    english.add(line.substring(5, tab));
                    german.add(line.substring(tab + 1));
                } else if (line.equals("national") && national == null && lastYear >= firstYear) {
                    national = section = new String[lastYear - firstYear + 1];
                } else if (line.startsWith("region ") && lastYear >= firstYear) {
                    section = new String[lastYear - firstYear + 1];
                    if (regions.put(line.substring(7), section) != null) {
                        throw new IllegalArgumentException("region listed twice");
                    }
                } else if (section != null) {
                    int space = line.indexOf(' ');
                    int year = Integer.parseInt(line, 0, space < 0 ? line.length() : space, 10);
                    if (year < firstYear || year > lastYear) {
                        throw new IllegalArgumentException("year " + year + " is outside " + firstYear + "-" + lastYear);
                    }
                    if (section[year - firstYear] != null) {
                        throw new IllegalArgumentException("year " + year + " listed twice");
                    }
                    section[year - firstYear] = space < 0 ? "" : line.substring(space + 1);
                } else {
                    throw new IllegalArgumentException("unexpected line");
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("holiday table " + source + " line " + lineNumber + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
        }
        // A truncated file would otherwise pass for years without holidays.
        if (national == null || Arrays.asList(national).contains(null)) {
            throw new IllegalStateException("holiday table " + source + ": needs a years line and a national line per year");
        }
        return new HolidayTable(source, firstYear, lastYear, english.toArray(String[]::new),
                german.toArray(String[]::new), national, regions);
    }

    int firstYear() {
        return firstYear;
    }

    int lastYear() {
        return lastYear;
    }

    /** The subdivision codes ({@code BY}, {@code NW} …), sorted. */
    SortedSet<String> regions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(regions.keySet()));
    }

    boolean hasRegion(String code) {
        return regions.containsKey(code);
    }

    /**
     * The holidays dated in {@code year} of the country, plus those of subdivision {@code code} if not null,
     * by date; several holidays on one date are sorted by name and joined with {@code " / "}, as the
     * Jollyday-backed implementation answered.
     *
     * @throws IllegalArgumentException if {@code year} is outside {@link #firstYear()} to {@link #lastYear()}
     */
    Map<LocalDate, String> holidaysIn(int year, String code, boolean inGerman) {
        if (year < firstYear || year > lastYear) {
            throw new IllegalArgumentException("year " + year + " is outside " + firstYear + "-" + lastYear);
        }
        String[] names = inGerman ? german : english;
        Map<LocalDate, SortedSet<String>> named = new HashMap<>();
        addEntries(named, year, national[year - firstYear], names, "national");
        String[] region = code == null ? null : regions.get(code);
        if (region != null && region[year - firstYear] != null) {
            addEntries(named, year, region[year - firstYear], names, "region " + code);
        }
        Map<LocalDate, String> joined = new HashMap<>();
        for (Map.Entry<LocalDate, SortedSet<String>> entry : named.entrySet()) {
            joined.put(entry.getKey(), String.join(" / ", entry.getValue()));
        }
        return Map.copyOf(joined);
    }

    /** Adds a year line's entries, {@code MMDD:id} separated by single spaces. */
    private void addEntries(Map<LocalDate, SortedSet<String>> named, int year, String entries, String[] names,
                            String section) {
        for (int at = 0; at < entries.length(); ) {
            int next = entries.indexOf(' ', at);
            int end = next < 0 ? entries.length() : next;
            try {
                if (end - at < 6 || entries.charAt(at + 4) != ':') {
                    throw new IllegalArgumentException("\"" + entries.substring(at, end) + "\" is not MMDD:id");
                }
                LocalDate date = LocalDate.of(year, Integer.parseInt(entries, at, at + 2, 10),
                        Integer.parseInt(entries, at + 2, at + 4, 10));
                int id = Integer.parseInt(entries, at + 5, end, 10);
                if (id >= names.length) {
                    throw new IllegalArgumentException("name id " + id + " is not defined");
                }
                String name = names[id];
                SortedSet<String> onDate = named.get(date);
                if (onDate == null) {
                    onDate = new TreeSet<>();
                    named.put(date, onDate);
                }
                onDate.add(name);
            } catch (RuntimeException e) {
                throw new IllegalStateException("holiday table " + source + " " + section + " year " + year + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
            at = end + 1;
        }
    }
}
