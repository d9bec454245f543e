package dev.promptly.holidays;

import dev.promptly.core.calendar.HolidayCalendar;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The public holidays of a country, and optionally of one of its regions, from a table precomputed at
 * build time from the rules of the Jollyday library ({@code de.focus-shift:jollyday-core}), never
 * hand-coded here. Jollyday itself is not on the run-time classpath: it costs a JAXB stack and an XML parse
 * at cold start (docs/performance.md), while the table is one 28 KB resource for all countries
 * ({@link HolidayTableIndex}).
 *
 * <p>Countries are ISO 3166 alpha-2 codes ({@code DE}); regions are {@code <country>-<code>} where the code
 * is one of the library's subdivisions of that country, for Germany the ISO 3166-2 states ({@code DE-NW},
 * {@code DE-BY}, {@code DE-SN} …). A region's holidays include the national ones. Only holidays of
 * Jollyday's type {@code PUBLIC_HOLIDAY} count (not bank holidays or observances), on the date the library
 * says the day off falls (a substitute day where a country moves holidays off weekends).
 *
 * <p>The table covers the years 2000 to 2060 (both inclusive, the same for every country; see
 * {@link #firstYear()}); asking for a date outside them throws {@link HolidaysNotTabulatedException} rather
 * than answering "no holiday". Names are German for a {@code de} locale and English for every other.
 *
 * <p>The table's index is read once per JVM, on first use, and a country's dates when it is first looked
 * up (other countries are never decoded); instances are cached per country, region and
 * language, and each caches its holidays per year. Thread-safe.
 */
public final class PublicHolidays implements HolidayCalendar {
    private static final ConcurrentMap<Key, PublicHolidays> INSTANCES = new ConcurrentHashMap<>();

    private final String country;
    private final String region;
    private final HolidayTable table;
    private final String subdivision;
    private final boolean german;
    private final ConcurrentMap<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    /** Equality written out, as the cache's lambdas are: a record's or lambda's bootstrap costs the first lookup. */
    private record Key(String country, String region, boolean german) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.country.equals(country) && Objects.equals(key.region, region)
                    && key.german == german;
        }

        @Override
        public int hashCode() {
            return (country.hashCode() * 31 + Objects.hashCode(region)) * 2 + (german ? 1 : 0);
        }
    }

    private PublicHolidays(String country, String region, HolidayTable table, boolean german) {
        this.country = country;
        this.region = region;
        this.table = table;
        this.subdivision = region == null ? null : subdivisionOf(region);
        this.german = german;
    }

    /**
     * The holidays of {@code country} (and {@code region}, if not null), named in English.
     *
     * @throws IllegalArgumentException if the table has no such country or region
     */
    public static PublicHolidays of(String country, String region) {
        return of(country, region, Locale.ENGLISH);
    }

    /**
     * The holidays of {@code country} (and {@code region}, if not null), named in German if {@code names}
     * is a German locale ({@code de}, {@code de-AT} …), else in English.
     *
     * @throws IllegalArgumentException if the table has no such country or region
     */
    public static PublicHolidays of(String country, String region, Locale names) {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(names, "names");
        boolean german = "de".equals(names.getLanguage());
        Key key = new Key(country, region, german);
        PublicHolidays holidays = INSTANCES.get(key);
        if (holidays == null) {
            PublicHolidays created = create(country, region, german);
            holidays = INSTANCES.putIfAbsent(key, created);
            if (holidays == null) {
                holidays = created;
            }
        }
        return holidays;
    }

    private static PublicHolidays create(String country, String region, boolean german) {
        HolidayTable table = HolidayTable.of(country).orElse(null);
        if (table == null) {
            throw new IllegalArgumentException("holiday country " + country + " is not known to the holiday calendar");
        }
        if (region != null && !(region.startsWith(country + "-") && table.hasRegion(subdivisionOf(region)))) {
            throw new IllegalArgumentException("holiday region " + region + " is not known to the holiday calendar");
        }
        return new PublicHolidays(country, region, table, german);
    }

    /** True if the table has the holidays of the ISO 3166 alpha-2 {@code country}. */
    public static boolean knowsCountry(String country) {
        return HolidayTable.of(country).isPresent();
    }

    /**
     * The regions of {@code country} the table knows, as {@code <country>-<code>} (e.g. {@code DE-NW}),
     * sorted; empty for an unknown country or one without regional holidays.
     */
    public static SortedSet<String> regionsOf(String country) {
        SortedSet<String> regions = new TreeSet<>();
        HolidayTable table = HolidayTable.of(country).orElse(null);
        if (table != null) {
            for (String code : table.regions()) {
                regions.add(country + "-" + code);
            }
        }
        return regions;
    }

    private static String subdivisionOf(String region) {
        return region.substring(region.indexOf('-') + 1);
    }

    public String country() {
        return country;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The first year whose holidays are known (2000). */
    public int firstYear() {
        return table.firstYear();
    }

    /** The last year whose holidays are known (2060), inclusive. */
    public int lastYear() {
        return table.lastYear();
    }

    /**
     * The holiday's name; several holidays on one date are sorted and joined with {@code " / "}.
     *
     * @throws HolidaysNotTabulatedException if {@code date} lies outside {@link #firstYear()} to {@link #lastYear()}
     */
    @Override
    public Optional<String> holiday(LocalDate date) {
        int year = date.getYear();
        if (year < table.firstYear() || year > table.lastYear()) {
            throw new HolidaysNotTabulatedException(date, table.firstYear(), table.lastYear());
        }
        Map<LocalDate, String> holidays = byYear.get(year);
        if (holidays == null) {
            holidays = table.holidaysIn(year, subdivision, german);
            byYear.putIfAbsent(year, holidays);
        }
        return Optional.ofNullable(holidays.get(date));
    }

    @Override
    public String toString() {
        return "PublicHolidays[" + (region == null ? country : region) + "]";
    }
}
