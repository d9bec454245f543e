package dev.promptly.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated holiday table (core/src/main/resources/dev/promptly/holidays/table, written by
 * tools/holidays-table) against Jollyday itself, which is on the test classpath only. Checked exhaustively,
 * through {@link PublicHolidays}' public methods: every ISO 3166 alpha-2 calendar Jollyday has, its
 * first-level subdivisions as regions, and for the country and each region every date of 2000 to 2060 in
 * English and in German, compared with what the former Jollyday-backed implementation answered (type
 * {@code PUBLIC_HOLIDAY}, the dates Jollyday reports including substitute days that cross a year boundary,
 * names of one date sorted and joined with {@code " / "}). A stale table (another Jollyday version) or an
 * edited one fails here; regenerate it as docs/architecture.md says.
 */
class HolidayTableTest {
    /** The documented range; the generator command in docs/architecture.md writes the same. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2060;
    private static final int MAX_REPORTED = 20;

    private static SortedSet<String> jollydayCountries() {
        return HolidayManager.getSupportedCalendarCodes().stream()
                .filter(code -> code.matches("[A-Z]{2}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theTableKnowsExactlyTheCountriesJollydayKnows() {
        SortedSet<String> tabulated = new TreeSet<>();
        for (char first = 'A'; first <= 'Z'; first++) {
            for (char second = 'A'; second <= 'Z'; second++) {
                String code = "" + first + second;
                if (PublicHolidays.knowsCountry(code)) {
                    tabulated.add(code);
                }
            }
        }

        assertEquals(jollydayCountries(), tabulated);
    }

    @Test
    void everyCountryAndRegionHasJollydaysHolidaysOnEveryDateFrom2000To2060InEnglishAndGerman() {
        List<String> differences = new ArrayList<>();
        int calendars = 0;

        for (String country : jollydayCountries()) {
            HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
            SortedSet<String> subdivisions = new TreeSet<>(manager.getCalendarHierarchy().getChildren().keySet());
            SortedSet<String> regions = subdivisions.stream().map(code -> country + "-" + code.toUpperCase(Locale.ROOT))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!regions.equals(PublicHolidays.regionsOf(country))) {
                differences.add(country + " regions: Jollyday " + regions + ", table " + PublicHolidays.regionsOf(country));
                continue;
            }
            List<String> calendarsOfCountry = new ArrayList<>();
            calendarsOfCountry.add(null);
            calendarsOfCountry.addAll(subdivisions);
            for (String subdivision : calendarsOfCountry) {
                String region = subdivision == null ? null : country + "-" + subdivision.toUpperCase(Locale.ROOT);
                compare(manager, country, subdivision, region, differences);
                calendars++;
            }
            if (differences.size() >= MAX_REPORTED) {
                break;
            }
        }

        assertEquals(List.of(), differences);
        // 230 countries and 774 regions with Jollyday 2.19.0; a sanity floor, not the exact count.
        assertTrue(calendars > 900, calendars + " calendars compared");
    }

    private static void compare(HolidayManager manager, String country, String subdivision, String region,
                                List<String> differences) {
        String[] args = subdivision == null ? new String[0] : new String[] {subdivision};
        Map<LocalDate, SortedSet<String>> english = new HashMap<>();
        Map<LocalDate, SortedSet<String>> german = new HashMap<>();
        // As the former implementation did: a date's holidays may come from the rules of a neighbouring year.
        for (int rulesYear = FIRST_YEAR - 1; rulesYear <= LAST_YEAR + 1; rulesYear++) {
            for (Holiday holiday : manager.getHolidays(Year.of(rulesYear), HolidayType.PUBLIC_HOLIDAY, args)) {
                english.computeIfAbsent(holiday.getDate(), date -> new TreeSet<>()).add(holiday.getDescription(Locale.ENGLISH));
                german.computeIfAbsent(holiday.getDate(), date -> new TreeSet<>()).add(holiday.getDescription(Locale.GERMAN));
            }
        }
        PublicHolidays inEnglish = PublicHolidays.of(country, region, Locale.ENGLISH);
        PublicHolidays inGerman = PublicHolidays.of(country, region, Locale.GERMAN);
        if (inEnglish.firstYear() != FIRST_YEAR || inEnglish.lastYear() != LAST_YEAR) {
            differences.add(inEnglish + " covers " + inEnglish.firstYear() + "-" + inEnglish.lastYear());
            return;
        }
        LocalDate end = LocalDate.of(LAST_YEAR + 1, 1, 1);
        boolean englishAgrees = true;
        boolean germanAgrees = true;
        // Only the first difference per calendar and language is reported, so one report shows many calendars.
        for (LocalDate date = LocalDate.of(FIRST_YEAR, 1, 1); date.isBefore(end); date = date.plusDays(1)) {
            englishAgrees = englishAgrees && agrees(inEnglish, "en", date, english.get(date), differences);
            germanAgrees = germanAgrees && agrees(inGerman, "de", date, german.get(date), differences);
        }
    }

    private static boolean agrees(PublicHolidays holidays, String language, LocalDate date, SortedSet<String> names,
                                  List<String> differences) {
        Optional<String> expected = names == null ? Optional.empty() : Optional.of(String.join(" / ", names));
        Optional<String> actual = holidays.holiday(date);
        if (expected.equals(actual)) {
            return true;
        }
        if (differences.size() < MAX_REPORTED) {
            differences.add(holidays + " " + language + " " + date + ": Jollyday " + expected + ", table " + actual);
        }
        return false;
    }
}
