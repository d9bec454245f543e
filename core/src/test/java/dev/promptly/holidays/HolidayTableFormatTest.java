package dev.promptly.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading the table's line format (the real files are checked against Jollyday by HolidayTableTest). */
class HolidayTableFormatTest {
    private static final String TABLE = """
            # comment
            years 2026 2027
            name Christmas\tWeihnachten
            name Corpus Christi\tFronleichnam
            name Family Day\tFamilientag
            national
            2026 1225:0
            2027 1225:0 1225:2
            region NW
            2026 0604:1
            region HB
            """;

    @Test
    void aRegionAddsItsHolidaysToTheNationalOnesAndOneDateJoinsItsNamesSorted() {
        var table = HolidayTable.parse("test", TABLE);

        Map<LocalDate, String> national2027 = table.holidaysIn(2027, null, false);
        Map<LocalDate, String> northRhineWestphalia2026 = table.holidaysIn(2026, "NW", true);
        Map<LocalDate, String> northRhineWestphalia2027 = table.holidaysIn(2027, "NW", true);
        Map<LocalDate, String> bremen2026 = table.holidaysIn(2026, "HB", false);

        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Christmas / Family Day"), national2027);
        assertEquals(Map.of(LocalDate.of(2026, 12, 25), "Weihnachten", LocalDate.of(2026, 6, 4), "Fronleichnam"),
                northRhineWestphalia2026);
        assertEquals(Map.of(LocalDate.of(2027, 12, 25), "Familientag / Weihnachten"), northRhineWestphalia2027);
        assertEquals(Map.of(LocalDate.of(2026, 12, 25), "Christmas"), bremen2026);
        assertEquals(Set.of("HB", "NW"), table.regions());
        assertEquals(2026, table.firstYear());
        assertEquals(2027, table.lastYear());
    }

    @Test
    void aTableMissingAYearOfNationalHolidaysIsRefusedRatherThanReadAsAYearWithoutHolidays() {
        String truncated = TABLE.replace("2027 1225:0 1225:2\n", "");

        var problem = assertThrows(IllegalStateException.class, () -> HolidayTable.parse("XX.txt.gz", truncated));

        assertEquals("holiday table XX.txt.gz: needs a years line and a national line per year", problem.getMessage());
    }

    @Test
    void aMalformedLineIsRefusedOnLoadNamingTheFileAndLine() {
        String yearOutside = TABLE.replace("2026 0604:1", "2031 0604:1");
        String yearTwice = TABLE.replace("2027 1225:0 1225:2", "2026 1225:0");

        var outside = assertThrows(IllegalStateException.class, () -> HolidayTable.parse("XX.txt.gz", yearOutside));
        var twice = assertThrows(IllegalStateException.class, () -> HolidayTable.parse("XX.txt.gz", yearTwice));

        assertEquals("holiday table XX.txt.gz line 10: year 2031 is outside 2026-2027", outside.getMessage());
        assertEquals("holiday table XX.txt.gz line 8: year 2026 listed twice", twice.getMessage());
    }

    @Test
    void aMalformedEntryIsRefusedWhenItsYearIsReadNamingTheFileSectionAndYear() {
        var badDate = HolidayTable.parse("XX.txt.gz", TABLE.replace("2026 0604:1", "2026 0631:1"));
        var unknownName = HolidayTable.parse("XX.txt.gz", TABLE.replace("2026 0604:1", "2026 0604:7"));
        var noId = HolidayTable.parse("XX.txt.gz", TABLE.replace("2026 1225:0", "2026 1225"));

        var date = assertThrows(IllegalStateException.class, () -> badDate.holidaysIn(2026, "NW", false));
        var name = assertThrows(IllegalStateException.class, () -> unknownName.holidaysIn(2026, "NW", false));
        var entry = assertThrows(IllegalStateException.class, () -> noId.holidaysIn(2026, null, false));

        assertEquals("holiday table XX.txt.gz region NW year 2026: Invalid date 'JUNE 31'", date.getMessage());
        assertEquals("holiday table XX.txt.gz region NW year 2026: name id 7 is not defined", name.getMessage());
        assertEquals("holiday table XX.txt.gz national year 2026: \"1225\" is not MMDD:id", entry.getMessage());
    }
}
