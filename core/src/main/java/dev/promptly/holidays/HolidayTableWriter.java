package dev.promptly.holidays;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes the public-holiday table that {@link HolidayTableIndex} reads, in the format described there.
 * Used at build time only, by {@code tools/holidays-table} (with Jollyday's dates) and by tests; no function
 * calls it, so the shaded function jars leave it out. Output is deterministic: countries, regions, names and
 * dates are sorted, each holiday's {@link Recurrence} is the one with the shortest code (the first on a tie),
 * and the gzip header carries no timestamp. Not thread-safe.
 */
public final class HolidayTableWriter {
    /** One public holiday: its date and its names in English and German. */
    public record Entry(LocalDate date, String english, String german) {
        public Entry {
            Objects.requireNonNull(date, "date");
            requireStorable(english, "english");
            requireStorable(german, "german");
        }

        private static void requireStorable(String name, String what) {
            Objects.requireNonNull(name, what);
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (name.isBlank() || bytes > HolidayTableIndex.MAX_NAME_BYTES) {
                throw new IllegalArgumentException(what + " name must be 1-" + HolidayTableIndex.MAX_NAME_BYTES
                        + " UTF-8 bytes and not blank: \"" + name + "\"");
            }
        }
    }

    private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::english).thenComparing(Entry::german);

    private record Country(Set<Entry> national, SortedMap<String, Set<Entry>> regions) {
    }

    private final int firstYear;
    private final int lastYear;
    private final SortedMap<String, Country> countries = new TreeMap<>();

    /** A table for the years {@code firstYear} to {@code lastYear}, both inclusive. */
    public HolidayTableWriter(int firstYear, int lastYear) {
        if (firstYear < HolidayTableIndex.MIN_YEAR || lastYear > HolidayTableIndex.MAX_YEAR || lastYear < firstYear
                || lastYear - firstYear >= HolidayTableIndex.MAX_YEARS) {
            throw new IllegalArgumentException("years " + firstYear + "-" + lastYear + " cannot be tabulated");
        }
        this.firstYear = firstYear;
        this.lastYear = lastYear;
    }

    /**
     * Adds a country (ISO 3166 alpha-2, {@code DE}) with its national holidays and, per subdivision code
     * ({@code BY}), the holidays that subdivision has in addition to the national ones.
     *
     * @throws IllegalArgumentException for a malformed or repeated code, a date outside the years, or a
     *                                  subdivision repeating a national holiday
     */
    public void add(String country, Set<Entry> national, SortedMap<String, Set<Entry>> regions) {
        if (!country.matches("[A-Z]{2}") || countries.containsKey(country)) {
            throw new IllegalArgumentException("country code " + country + " is malformed or added twice");
        }
        if (regions.size() > HolidayTableIndex.MAX_REGIONS) {
            throw new IllegalArgumentException(country + " has more than " + HolidayTableIndex.MAX_REGIONS + " regions");
        }
        checkYears(country, national);
        for (Map.Entry<String, Set<Entry>> region : regions.entrySet()) {
            if (!region.getKey().matches("[A-Z0-9]{1," + HolidayTableIndex.MAX_REGION_CODE + "}")) {
                throw new IllegalArgumentException(country + " region code " + region.getKey() + " is malformed");
            }
            checkYears(country + "-" + region.getKey(), region.getValue());
            for (Entry entry : region.getValue()) {
                if (national.contains(entry)) {
                    throw new IllegalArgumentException(country + "-" + region.getKey() + " repeats the national " + entry);
                }
            }
        }
        countries.put(country, new Country(Set.copyOf(national), new TreeMap<>(regions)));
    }

    private void checkYears(String calendar, Set<Entry> entries) {
        for (Entry entry : entries) {
            int year = entry.date().getYear();
            if (year < firstYear || year > lastYear) {
                throw new IllegalArgumentException(calendar + ": " + entry + " is outside " + firstYear + "-" + lastYear);
            }
        }
    }

    /** The table, uncompressed. */
    public byte[] encode() {
        TreeSet<Entry> named = new TreeSet<>(BY_NAME);
        for (Country country : countries.values()) {
            named.addAll(country.national());
            country.regions().values().forEach(named::addAll);
        }
        if (named.size() > HolidayTableIndex.MAX_NAMES) {
            throw new IllegalArgumentException("more than " + HolidayTableIndex.MAX_NAMES + " holiday names");
        }
        TreeMap<Entry, Integer> ids = new TreeMap<>(BY_NAME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HolidayTableIndex.MAGIC);
        varint(out, firstYear);
        varint(out, lastYear - firstYear + 1);
        varint(out, named.size());
        for (Entry name : named) {
            ids.put(name, ids.size());
            text(out, name.english());
            text(out, name.german());
        }
        varint(out, countries.size());
        for (Map.Entry<String, Country> country : countries.entrySet()) {
            out.writeBytes(country.getKey().getBytes(StandardCharsets.US_ASCII));
            varint(out, country.getValue().regions().size());
            for (String region : country.getValue().regions().keySet()) {
                text(out, region);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            section(body, country.getValue().national(), ids);
            for (Set<Entry> region : country.getValue().regions().values()) {
                section(body, region, ids);
            }
            varint(out, body.size());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    /** Writes {@code table} gzipped at the highest level, with no timestamp (the JDK writes none). */
    public static void writeGzip(byte[] table, OutputStream out) throws IOException {
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(table);
        }
    }

    /** One series per holiday name: its name id, its recurrence and its values year by year. */
    private void section(ByteArrayOutputStream out, Set<Entry> entries, Map<Entry, Integer> ids) {
        TreeMap<Integer, List<List<LocalDate>>> series = new TreeMap<>();
        for (Entry entry : entries) {
            List<List<LocalDate>> years = series.computeIfAbsent(ids.get(entry), id -> emptyYears());
            years.get(entry.date().getYear() - firstYear).add(entry.date());
        }
        varint(out, series.size());
        int previousId = -1;
        for (Map.Entry<Integer, List<List<LocalDate>>> one : series.entrySet()) {
            varint(out, one.getKey() - previousId - 1);
            previousId = one.getKey();
            byte[] shortest = null;
            for (Recurrence recurrence : Recurrence.values()) {
                byte[] coded = years(recurrence, one.getValue());
                if (shortest == null || coded.length < shortest.length) {
                    shortest = coded;
                }
            }
            out.writeBytes(shortest);
        }
    }

    private List<List<LocalDate>> emptyYears() {
        List<List<LocalDate>> years = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            years.add(new ArrayList<>());
        }
        return years;
    }

    /**
     * The recurrence's code, then tokens for the years in order: {@code 2n} repeats the previous year's values
     * for n years, {@code 2c + 1} gives c values (zigzag differences, see {@link HolidayTableIndex}).
     */
    private byte[] years(Recurrence recurrence, List<List<LocalDate>> dates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, recurrence.ordinal());
        int[] previous = new int[0];
        int repeats = 0;
        for (int index = 0; index < dates.size(); index++) {
            List<LocalDate> ofYear = new ArrayList<>(dates.get(index));
            ofYear.sort(null);
            if (ofYear.size() > HolidayTableIndex.MAX_DATES_PER_SERIES) {
                throw new IllegalArgumentException("more than " + HolidayTableIndex.MAX_DATES_PER_SERIES
                        + " dates of one holiday in " + (firstYear + index));
            }
            int[] values = new int[ofYear.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = recurrence.valueOf(ofYear.get(i));
                if (!recurrence.dateIn(firstYear + index, values[i]).equals(ofYear.get(i))) {
                    throw new IllegalStateException(recurrence + " does not round-trip " + ofYear.get(i));
                }
            }
            if (Arrays.equals(values, previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                varint(out, repeats * 2);
                repeats = 0;
            }
            varint(out, values.length * 2 + 1);
            for (int i = 0; i < values.length; i++) {
                int base = i > 0 ? values[i - 1] : previous.length > 0 ? previous[0] : 0;
                int difference = values[i] - base;
                varint(out, (difference << 1) ^ (difference >> 31));
            }
            previous = values;
        }
        if (repeats > 0) {
            varint(out, repeats * 2);
        }
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        int rest = value;
        while (rest >= 0x80) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
