package dev.promptly.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.holidays.HolidayTableWriter.Entry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table's binary format: what {@link HolidayTableWriter} writes, {@link HolidayTableIndex} and
 * {@link HolidayTable} read back, and how they refuse malformed bytes (the real table is checked against
 * Jollyday by HolidayTableTest).
 */
class HolidayTableFormatTest {
    private static Entry christmas(int year) {
        return new Entry(LocalDate.of(year, 12, 25), "Christmas", "Weihnachten");
    }

    private static Entry whitMonday(int year) {
        return new Entry(Recurrence.westernEaster(year).plusDays(50), "Whit Monday", "Pfingstmontag");
    }

    private static Entry corpusChristi(int year) {
        return new Entry(Recurrence.westernEaster(year).plusDays(60), "Corpus Christi", "Fronleichnam");
    }

    private static Entry thanksgiving(int year) {
        return new Entry(LocalDate.of(year, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)),
                "Thanksgiving Day", "Erntedankfest");
    }

    @Test
    void aRegionAddsItsHolidaysToTheNationalOnesAndOneDateJoinsItsNamesSorted() {
        var writer = new HolidayTableWriter(2026, 2027);
        Set<Entry> national = Set.of(christmas(2026), christmas(2027), whitMonday(2026), whitMonday(2027),
                new Entry(LocalDate.of(2027, 12, 25), "Family Day", "Familientag"));
        writer.add("DE", national, new TreeMap<>(Map.of("NW", Set.of(corpusChristi(2026)), "HB", Set.of())));
        writer.add("US", Set.of(thanksgiving(2026), thanksgiving(2027)), new TreeMap<>());

        var index = HolidayTableIndex.parse("test", writer.encode());
        HolidayTable germany = index.country("DE");

        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Christmas / Family Day", LocalDate.of(2027, 5, 17), "Whit Monday"),
                germany.holidaysIn(2027, null, false));
        assertEquals(Map.of(LocalDate.of(2026, 12, 25), "Weihnachten", LocalDate.of(2026, 5, 25), "Pfingstmontag",
                LocalDate.of(2026, 6, 4), "Fronleichnam"), germany.holidaysIn(2026, "NW", true));
        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Familientag / Weihnachten", LocalDate.of(2027, 5, 17), "Pfingstmontag"),
                germany.holidaysIn(2027, "NW", true));
        assertEquals(germany.holidaysIn(2026, null, false), germany.holidaysIn(2026, "HB", false));
        assertEquals(Map.of(LocalDate.of(2027, 11, 25), "Thanksgiving Day"), index.country("US").holidaysIn(2027, null, false));
        assertEquals(Set.of("HB", "NW"), germany.regions());
        assertEquals(Set.of(), index.country("US").regions());
        assertNull(index.country("FR"));
        assertEquals(2026, germany.firstYear());
        assertEquals(2027, germany.lastYear());
    }

    @Test
    void anyDatesWrittenAreReadBackExactlyForEveryCountryRegionAndYear() {
        var random = new Random(20261207);
        var writer = new HolidayTableWriter(1999, 2041);
        Map<String, Map<String, Set<Entry>>> written = new TreeMap<>();
        for (String country : new String[] {"AA", "BB", "ZZ"}) {
            Set<Entry> national = randomEntries(random, 1999, 2041, Set.of());
            SortedMap<String, Set<Entry>> regions = new TreeMap<>();
            for (String region : new String[] {"1", "B2", "C"}) {
                regions.put(region, randomEntries(random, 1999, 2041, national));
            }
            writer.add(country, national, regions);
            Map<String, Set<Entry>> calendars = new HashMap<>();
            calendars.put("", national);
            calendars.putAll(regions);
            written.put(country, calendars);
        }

        var index = HolidayTableIndex.parse("random", writer.encode());

        for (var country : written.entrySet()) {
            for (var calendar : country.getValue().entrySet()) {
                String region = calendar.getKey().isEmpty() ? null : calendar.getKey();
                Set<Entry> expected = new HashSet<>(country.getValue().get(""));
                expected.addAll(calendar.getValue());
                for (int year = 1999; year <= 2041; year++) {
                    for (boolean german : new boolean[] {false, true}) {
                        assertEquals(joined(expected, year, german), index.country(country.getKey()).holidaysIn(year, region, german),
                                country.getKey() + " " + region + " " + year);
                    }
                }
            }
        }
    }

    /** Holidays following each kind of rule, with gaps, exceptions, several per year and shared dates. */
    private static Set<Entry> randomEntries(Random random, int first, int last, Set<Entry> except) {
        Set<Entry> entries = new HashSet<>();
        for (int holiday = 0; holiday < 6; holiday++) {
            String english = "Day " + random.nextInt(8);
            String german = random.nextBoolean() ? english : "Tag " + random.nextInt(8);
            int rule = random.nextInt(4);
            LocalDate base = LocalDate.of(first, 1 + random.nextInt(12), 1 + random.nextInt(28));
            for (int year = first; year <= last; year++) {
                if (random.nextInt(10) == 0) {
                    continue;
                }
                LocalDate date = switch (rule) {
                    case 0 -> base.withYear(year);
                    case 1 -> Recurrence.westernEaster(year).plusDays(base.getDayOfYear() % 70 - 35);
                    case 2 -> LocalDate.of(year, base.getMonth(), 1).with(TemporalAdjusters.dayOfWeekInMonth(-1, base.getDayOfWeek()));
                    default -> LocalDate.ofYearDay(year, 1 + random.nextInt(365));
                };
                if (random.nextInt(8) == 0) {
                    date = date.withDayOfMonth(1);
                }
                int days = random.nextInt(5) == 0 ? 3 : 1;
                for (int day = 0; day < days && date.plusDays(day).getYear() == year; day++) {
                    Entry entry = new Entry(date.plusDays(day), english, german);
                    if (!except.contains(entry)) {
                        entries.add(entry);
                    }
                }
            }
        }
        return entries;
    }

    private static Map<LocalDate, String> joined(Set<Entry> entries, int year, boolean german) {
        Map<LocalDate, TreeSet<String>> names = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.date().getYear() == year) {
                names.computeIfAbsent(entry.date(), date -> new TreeSet<>()).add(german ? entry.german() : entry.english());
            }
        }
        Map<LocalDate, String> joined = new HashMap<>();
        names.forEach((date, all) -> joined.put(date, String.join(" / ", all)));
        return joined;
    }

    @Test
    void theWriterRefusesWhatTheFormatCannotHold() {
        var writer = new HolidayTableWriter(2026, 2027);
        writer.add("DE", Set.of(christmas(2026)), new TreeMap<>());

        var twice = assertThrows(IllegalArgumentException.class, () -> writer.add("DE", Set.of(), new TreeMap<>()));
        var outside = assertThrows(IllegalArgumentException.class, () -> writer.add("AT", Set.of(christmas(2028)), new TreeMap<>()));
        var repeated = assertThrows(IllegalArgumentException.class, () -> writer.add("CH", Set.of(christmas(2026)),
                new TreeMap<>(Map.of("ZH", Set.of(christmas(2026))))));
        var blank = assertThrows(IllegalArgumentException.class, () -> new Entry(LocalDate.of(2026, 1, 1), " ", "Neujahr"));

        assertEquals("country code DE is malformed or added twice", twice.getMessage());
        assertTrue(outside.getMessage().startsWith("AT: "), outside.getMessage());
        assertTrue(repeated.getMessage().startsWith("CH-ZH repeats the national "), repeated.getMessage());
        assertEquals("english name must be 1-512 UTF-8 bytes and not blank: \" \"", blank.getMessage());
    }

    @Test
    void everyTruncationOfATableAndTrailingBytesAreRefusedWhenTheIndexIsRead() {
        var writer = new HolidayTableWriter(2026, 2027);
        writer.add("DE", Set.of(christmas(2026), christmas(2027)), new TreeMap<>(Map.of("NW", Set.of(corpusChristi(2026)))));
        byte[] table = writer.encode();

        for (int length = 0; length < table.length; length++) {
            byte[] truncated = Arrays.copyOf(table, length);
            assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("cut", truncated), "length " + length);
        }
        var trailing = assertThrows(IllegalStateException.class,
                () -> HolidayTableIndex.parse("long", Arrays.copyOf(table, table.length + 1)));

        assertEquals("holiday table long at byte " + table.length + ": unexpected bytes after the last country",
                trailing.getMessage());
    }

    @Test
    void aMalformedHeaderIsRefusedNamingTheTableTheByteAndTheProblem() {
        var magic = assertThrows(IllegalStateException.class,
                () -> HolidayTableIndex.parse("XX", "PHT\2".getBytes(StandardCharsets.US_ASCII)));
        var years = assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("XX", header(2026, 401).bytes()));
        var longVarint = assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("XX",
                new Bytes().raw('P', 'H', 'T', 1).raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x01).bytes()));
        var notUtf8 = header(2026, 1).varint(1).varint(2).raw(0xc3, 0x28).varint(1).raw('B')
                .varint(1).raw('D', 'E').varint(0).varint(0).bytes();
        var lowerCase = header(2026, 1).varint(0).varint(1).raw('d', 'e').varint(0).varint(0).bytes();
        var unordered = header(2026, 1).varint(0).varint(2).raw('F', 'R').varint(0).varint(0)
                .raw('D', 'E').varint(0).varint(0).bytes();

        var name = assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("XX", notUtf8).name(0, false));
        var code = assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("XX", lowerCase));
        var order = assertThrows(IllegalStateException.class, () -> HolidayTableIndex.parse("XX", unordered));

        assertEquals("holiday table XX at byte 3: not a holiday table of format 1", magic.getMessage());
        assertEquals("holiday table XX at byte 6: number of years 401 exceeds 400", years.getMessage());
        assertEquals("holiday table XX at byte 4: first year: varint longer than 5 bytes", longVarint.getMessage());
        assertEquals("holiday table XX at byte 8: name is not UTF-8", name.getMessage());
        assertEquals("holiday table XX at byte 9: country code is not A-Z", code.getMessage());
        assertEquals("holiday table XX at byte 13: country DE is not in ascending order", order.getMessage());
    }

    @Test
    void aMalformedCountryIsRefusedWhenItsDatesAreFirstAskedForNamingCountrySectionAndYear() {
        var badDate = table(1, 0, 0, 3, zigzag(Recurrence.MONTH_DAY.valueOf(LocalDate.of(2026, 2, 28)) + 2), 2);
        var unknownName = table(1, 1, 0, 3, 0);
        var unknownRecurrence = table(1, 0, 9, 3, 0);
        var tooManyYears = table(1, 0, 0, 3, 0, 4);
        var tooFewYears = table(1, 0, 0, 3, 0);
        var twice = table(1, 0, 0, 5, 0, 0, 2);

        assertEquals("holiday table XX at byte 20: DE national: year 2026: MONTH_DAY value 60 is no date of 2026",
                decodeProblem(badDate));
        assertEquals("holiday table XX at byte 18: DE national: name id 1 is not defined", decodeProblem(unknownName));
        assertEquals("holiday table XX at byte 19: DE national: recurrence 9 is not defined", decodeProblem(unknownRecurrence));
        assertEquals("holiday table XX at byte 22: DE national: repeats 2 years from 2027, 1 left", decodeProblem(tooManyYears));
        assertEquals("holiday table XX at byte 22: DE national: token ends early", decodeProblem(tooFewYears));
        assertEquals("holiday table XX at byte 17: DE national: year 2026: a holiday is listed twice on one date",
                decodeProblem(twice));
    }

    @Test
    void aRegionRepeatingANationalHolidayIsRefusedWhenThatYearIsAskedFor() {
        Bytes christmas = new Bytes().varint(1).varint(0).varint(0).varint(3).varint(zigzag(
                Recurrence.MONTH_DAY.valueOf(LocalDate.of(2026, 12, 25)))).varint(2);
        byte[] table = header(2026, 2).varint(1).text("Christmas").text("Weihnachten").varint(1)
                .raw('D', 'E').varint(1).text("NW").varint(2 * christmas.size()).append(christmas).append(christmas).bytes();
        var germany = HolidayTableIndex.parse("XX", table).country("DE");

        var problem = assertThrows(IllegalStateException.class, () -> germany.holidaysIn(2027, "NW", false));

        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Christmas"), germany.holidaysIn(2027, null, false));
        assertEquals("holiday table XX at byte " + (table.length - christmas.size())
                + ": DE region NW: year 2027: repeats a national holiday", problem.getMessage());
    }

    @Test
    void onlyTheCountryAskedForIsDecodedSoABrokenOtherCountryFailsOnlyWhenItIsUsed() {
        Bytes good = new Bytes().varint(1).varint(0).varint(0).varint(3).varint(zigzag(
                Recurrence.MONTH_DAY.valueOf(LocalDate.of(2026, 12, 25)))).varint(2);
        Bytes broken = new Bytes().varint(1).varint(0).varint(7).varint(1).varint(2);
        byte[] table = header(2026, 2).varint(1).text("Christmas").text("Weihnachten").varint(2)
                .raw('D', 'E').varint(0).varint(good.size()).append(good)
                .raw('F', 'R').varint(0).varint(broken.size()).append(broken).bytes();

        var index = HolidayTableIndex.parse("XX", table);

        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Weihnachten"), index.country("DE").holidaysIn(2027, null, true));
        assertTrue(index.country("FR").regions().isEmpty());
        var problem = assertThrows(IllegalStateException.class, () -> index.country("FR").holidaysIn(2026, null, true));
        assertTrue(problem.getMessage().contains("FR national: recurrence 7 is not defined"), problem.getMessage());
    }

    /** The message of decoding country DE of a one-name, one-country table for 2026-2027 with these section bytes. */
    private static String decodeProblem(byte[] table) {
        var index = HolidayTableIndex.parse("XX", table);
        return assertThrows(IllegalStateException.class, () -> index.country("DE").holidaysIn(2026, null, false)).getMessage();
    }

    private static byte[] table(int... national) {
        Bytes body = new Bytes();
        for (int value : national) {
            body.varint(value);
        }
        return header(2026, 2).varint(1).text("A").text("B").varint(1).raw('D', 'E').varint(0)
                .varint(body.size()).append(body).bytes();
    }

    private static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static Bytes header(int firstYear, int years) {
        return new Bytes().raw('P', 'H', 'T', 1).varint(firstYear).varint(years);
    }

    /** Table bytes written by hand, to test what the writer never writes. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Bytes varint(int value) {
            int rest = value;
            while (rest >= 0x80) {
                out.write(rest & 0x7f | 0x80);
                rest >>>= 7;
            }
            out.write(rest);
            return this;
        }

        Bytes text(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Bytes append(Bytes other) {
            out.writeBytes(other.bytes());
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
