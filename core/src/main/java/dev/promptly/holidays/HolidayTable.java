package dev.promptly.holidays;

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

/**
 * One country's precomputed public holidays, a part of the table in {@link HolidayTableIndex} (generated
 * from Jollyday by {@code tools/holidays-table}, checked against Jollyday by {@code HolidayTableTest}), so
 * no XML is parsed and no holiday library is loaded at run time.
 *
 * <p>Knowing the country and its regions needs only the index. When {@link #holidaysIn} is first called, one
 * linear pass over the country's bytes checks every token and notes where each section starts (at most once
 * per JVM); each call then reads the national section and the region's, turning only that year's values
 * into dates. Other countries are never read. A malformed part is a build error, reported as
 * {@link IllegalStateException} naming the table, the byte offset, the country, section and year.
 * Thread-safe.
 */
final class HolidayTable {
    private static final int[] NONE = new int[0];
    /** Entries are {@code dayOfYear << 16 | nameId}, so sorting them sorts by date. */
    private static final int NAME_BITS = 16;

    private final HolidayTableIndex index;
    private final String country;
    private final String[] regions;
    private final int from;
    private final int to;
    /** Where each section's bytes start, found on first use; see {@link #starts()}. */
    private volatile int[] starts;

    HolidayTable(HolidayTableIndex index, String country, String[] regions, int from, int to) {
        this.index = index;
        this.country = country;
        this.regions = regions;
        this.from = from;
        this.to = to;
    }

    /** The table of the ISO 3166 alpha-2 {@code country}, or empty if there is none (or the code is malformed). */
    static Optional<HolidayTable> of(String country) {
        if (!isCountryCode(country)) {
            return Optional.empty();
        }
        return Optional.ofNullable(HolidayTableIndex.resource().country(country));
    }

    /** Two letters A-Z. */
    private static boolean isCountryCode(String code) {
        return code != null && code.length() == 2 && isUpper(code.charAt(0)) && isUpper(code.charAt(1));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    int firstYear() {
        return index.firstYear();
    }

    int lastYear() {
        return index.lastYear();
    }

    /** The subdivision codes ({@code BY}, {@code NW} …), sorted. */
    SortedSet<String> regions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(regions)));
    }

    boolean hasRegion(String code) {
        return Arrays.binarySearch(regions, code) >= 0;
    }

    /**
     * The holidays dated in {@code year} of the country, plus those of subdivision {@code code} if not null,
     * by date; several holidays on one date are sorted by name and joined with {@code " / "}, as the
     * Jollyday-backed implementation answered.
     *
     * @throws IllegalArgumentException if {@code year} is outside {@link #firstYear()} to {@link #lastYear()}
     */
    Map<LocalDate, String> holidaysIn(int year, String code, boolean inGerman) {
        if (year < firstYear() || year > lastYear()) {
            throw new IllegalArgumentException("year " + year + " is outside " + firstYear() + "-" + lastYear());
        }
        int region = code == null ? -1 : Arrays.binarySearch(regions, code);
        int[] national = entries(0, year);
        int[] own = region < 0 ? NONE : entries(1 + region, year);
        for (int entry : own) {
            if (Arrays.binarySearch(national, entry) >= 0) {
                throw index.reader(starts()[1 + region], to).malformed(label(1 + region) + ": year " + year
                        + ": repeats a national holiday");
            }
        }
        int[] entries = Arrays.copyOf(national, national.length + own.length);
        System.arraycopy(own, 0, entries, national.length, own.length);
        Arrays.sort(entries);
        Map<LocalDate, String> holidays = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            names.add(index.name(entries[i] & ((1 << NAME_BITS) - 1), inGerman));
            int day = entries[i] >>> NAME_BITS;
            if (i + 1 == entries.length || entries[i + 1] >>> NAME_BITS != day) {
                holidays.put(LocalDate.ofYearDay(year, day), joined(names));
                names.clear();
            }
        }
        return Map.copyOf(holidays);
    }

    /** Sorted, distinct (two names may share their English or German text), joined with " / ". */
    private static String joined(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(" / ", new TreeSet<>(names));
    }

    /** Where each section starts (national, then the regions), and where the last ends; found on first use. */
    private int[] starts() {
        int[] found = starts;
        if (found == null) {
            synchronized (this) {
                found = starts;
                if (found == null) {
                    found = new int[regions.length + 2];
                    HolidayTableIndex.Reader in = index.reader(from, to);
                    for (int section = 0; section <= regions.length; section++) {
                        found[section] = in.position();
                        walk(in, section, -1);
                    }
                    found[regions.length + 1] = in.position();
                    in.context(country);
                    if (!in.atEnd()) {
                        throw in.malformed("unexpected bytes after its dates");
                    }
                    starts = found;
                }
            }
        }
        return found;
    }

    /** The sorted entries of {@code section} in {@code year}. */
    private int[] entries(int section, int year) {
        int[] at = starts();
        HolidayTableIndex.Reader in = index.reader(at[section], at[section + 1]);
        int[] entries = walk(in, section, year - firstYear());
        Arrays.sort(entries);
        for (int i = 1; i < entries.length; i++) {
            if (entries[i] == entries[i - 1]) {
                throw in.malformedAt(at[section], "year " + year + ": a holiday is listed twice on one date");
            }
        }
        return entries;
    }

    /**
     * Reads one section (format in {@link HolidayTableIndex}), checking every token, and returns the entries
     * of year number {@code wanted} (0 for the first year), unsorted; none for -1. Only the wanted year's
     * values become dates, so a lookup costs one pass over the section's bytes plus that year's holidays.
     */
    private int[] walk(HolidayTableIndex.Reader in, int section, int wanted) {
        in.context(new Section(section));
        int years = lastYear() - firstYear() + 1;
        int[] entries = NONE;
        int size = 0;
        int count = in.varint(index.names(), "number of series");
        int id = -1;
        for (int series = 0; series < count; series++) {
            int idAt = in.position();
            id += 1 + in.varint(index.names(), "name id");
            if (id >= index.names()) {
                throw in.malformedAt(idAt, "name id " + id + " is not defined");
            }
            int codeAt = in.position();
            int code = in.varint(Integer.MAX_VALUE, "recurrence");
            Recurrence recurrence = Recurrence.ofCode(code);
            if (recurrence == null) {
                throw in.malformedAt(codeAt, "recurrence " + code + " is not defined");
            }
            int[] previous = NONE;
            for (int year = 0; year < years; ) {
                int tokenAt = in.position();
                int token = in.varint(Integer.MAX_VALUE, "token");
                int repeat = token % 2 == 0 ? token / 2 : 1;
                if (token % 2 == 0 && (repeat == 0 || repeat > years - year)) {
                    throw in.malformedAt(tokenAt, "repeats " + repeat + " years from " + (firstYear() + year)
                            + ", " + (years - year) + " left");
                }
                if (token % 2 == 1) {
                    previous = values(in, token / 2, previous);
                }
                if (wanted >= year && wanted < year + repeat) {
                    for (int value : previous) {
                        if (size == entries.length) {
                            if (size == HolidayTableIndex.MAX_DATES_PER_YEAR) {
                                throw in.malformedAt(tokenAt, "year " + (firstYear() + wanted) + ": more than "
                                        + HolidayTableIndex.MAX_DATES_PER_YEAR + " holidays");
                            }
                            entries = Arrays.copyOf(entries, Math.max(8, size * 2));
                        }
                        entries[size++] = entry(recurrence, firstYear() + wanted, value, id, in, tokenAt);
                    }
                }
                year += repeat;
            }
        }
        return Arrays.copyOf(entries, size);
    }

    private static int[] values(HolidayTableIndex.Reader in, int count, int[] previous) {
        if (count > HolidayTableIndex.MAX_DATES_PER_SERIES) {
            throw in.malformed(count + " dates of one holiday in a year exceed "
                    + HolidayTableIndex.MAX_DATES_PER_SERIES);
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            long base = i > 0 ? values[i - 1] : previous.length > 0 ? previous[0] : 0;
            long value = base + in.signedVarint("value");
            // Every recurrence's values lie well within ±4096; this keeps the sum from overflowing.
            if (Math.abs(value) > 4096) {
                throw in.malformed("value " + value + " is out of range");
            }
            values[i] = (int) value;
        }
        return values;
    }

    private static int entry(Recurrence recurrence, int year, int value, int id, HolidayTableIndex.Reader in,
                             int tokenAt) {
        try {
            return recurrence.dateIn(year, value).getDayOfYear() << NAME_BITS | id;
        } catch (IllegalArgumentException e) {
            throw in.malformedAt(tokenAt, "year " + year + ": " + recurrence + " " + e.getMessage());
        }
    }

    /** {@code DE national}, {@code DE region BY}. */
    private String label(int section) {
        return section == 0 ? country + " national" : country + " region " + regions[section - 1];
    }

    /** A section's label for error messages, written only when one is thrown. */
    private final class Section {
        private final int section;

        Section(int section) {
            this.section = section;
        }

        @Override
        public String toString() {
            return label(section);
        }
    }

    @Override
    public String toString() {
        return "HolidayTable[" + country + "]";
    }
}
