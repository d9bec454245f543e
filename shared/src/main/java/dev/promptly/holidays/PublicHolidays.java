package dev.promptly.holidays;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.promptly.core.calendar.HolidayCalendar;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The public holidays of a country, and optionally of one of its regions, taken from the rules bundled
 * with the Jollyday library ({@code de.focus-shift:jollyday-core}), never hand-coded here.
 *
 * <p>Countries are ISO 3166 alpha-2 codes ({@code DE}); regions are {@code <country>-<code>} where the code
 * is one of the library's subdivisions of that country, for Germany the ISO 3166-2 states ({@code DE-NW},
 * {@code DE-BY}, {@code DE-SN} …). A region's holidays include the national ones. Only holidays of type
 * {@link HolidayType#PUBLIC_HOLIDAY} count (not bank holidays or observances), on the date the library
 * says the day off falls (a substitute day where a country moves holidays off weekends).
 *
 * <p>Loading a country's rules parses its XML once (a few hundred milliseconds for the first country in a
 * JVM), so instances are cached per country, region and language, and each instance caches its holidays
 * per year. Thread-safe.
 */
public final class PublicHolidays implements HolidayCalendar {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final ConcurrentMap<Key, PublicHolidays> INSTANCES = new ConcurrentHashMap<>();

    private final String country;
    private final String region;
    private final Locale names;
    private final HolidayManager manager;
    private final String[] subdivision;
    private final ConcurrentMap<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    private record Key(String country, String region, Locale names) {
    }

    private PublicHolidays(String country, String region, Locale names, HolidayManager manager) {
        this.country = country;
        this.region = region;
        this.names = names;
        this.manager = manager;
        this.subdivision = region == null ? new String[0] : new String[] {subdivisionOf(region)};
    }

    /**
     * The holidays of {@code country} (and {@code region}, if not null), named in English.
     *
     * @throws IllegalArgumentException if the library knows no such country or region
     */
    public static PublicHolidays of(String country, String region) {
        return of(country, region, Locale.ENGLISH);
    }

    /**
     * The holidays of {@code country} (and {@code region}, if not null), named in {@code names} where the
     * library has that language (German, French, Dutch, Portuguese, Swedish, Greek), else in English.
     *
     * @throws IllegalArgumentException if the library knows no such country or region
     */
    public static PublicHolidays of(String country, String region, Locale names) {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(names, "names");
        return INSTANCES.computeIfAbsent(new Key(country, region, names), key -> create(country, region, names));
    }

    private static PublicHolidays create(String country, String region, Locale names) {
        HolidayManager manager = manager(country).orElseThrow(() ->
                new IllegalArgumentException("holiday country " + country + " is not known to the holiday calendar"));
        if (region != null && !regionsOf(manager, country).contains(region)) {
            throw new IllegalArgumentException("holiday region " + region + " is not known to the holiday calendar");
        }
        return new PublicHolidays(country, region, names, manager);
    }

    /** True if the library has holiday rules for the ISO 3166 alpha-2 {@code country}. */
    public static boolean knowsCountry(String country) {
        return manager(country).isPresent();
    }

    /**
     * The regions of {@code country} the library knows, as {@code <country>-<code>} (e.g. {@code DE-NW}),
     * sorted; empty for an unknown country or one without regional holidays.
     */
    public static SortedSet<String> regionsOf(String country) {
        return manager(country).map(manager -> regionsOf(manager, country)).orElseGet(TreeSet::new);
    }

    private static SortedSet<String> regionsOf(HolidayManager manager, String country) {
        CalendarHierarchy hierarchy = manager.getCalendarHierarchy();
        return hierarchy.getChildren().keySet().stream()
                .map(code -> country + "-" + code.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<HolidayManager> manager(String country) {
        if (country == null || !COUNTRY.matcher(country).matches()
                || !HolidayManager.getSupportedCalendarCodes().contains(country)) {
            return Optional.empty();
        }
        try {
            // The library caches managers per calendar, so this parses a country's rules once per JVM.
            return Optional.of(HolidayManager.getInstance(ManagerParameters.create(country)));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String subdivisionOf(String region) {
        return region.substring(region.indexOf('-') + 1).toLowerCase(Locale.ROOT);
    }

    public String country() {
        return country;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The holiday's name; several holidays on one date are joined with {@code " / "}. */
    @Override
    public Optional<String> holiday(LocalDate date) {
        return Optional.ofNullable(holidaysOf(date.getYear()).get(date));
    }

    private Map<LocalDate, String> holidaysOf(int year) {
        return byYear.computeIfAbsent(year, y -> {
            Map<LocalDate, SortedSet<String>> named = new TreeMap<>();
            // A substitute day may fall into the neighbouring year (1 January on a Saturday, taken on 31 December).
            for (int rulesYear = y - 1; rulesYear <= y + 1; rulesYear++) {
                Set<Holiday> holidays = manager.getHolidays(Year.of(rulesYear), HolidayType.PUBLIC_HOLIDAY, subdivision);
                for (Holiday holiday : holidays) {
                    if (holiday.getDate().getYear() == y) {
                        named.computeIfAbsent(holiday.getDate(), d -> new TreeSet<>()).add(holiday.getDescription(names));
                    }
                }
            }
            Map<LocalDate, String> result = new TreeMap<>();
            named.forEach((date, descriptions) -> result.put(date, String.join(" / ", descriptions)));
            return Map.copyOf(result);
        });
    }

    @Override
    public String toString() {
        return "PublicHolidays[" + (region == null ? country : region) + "]";
    }
}
