package dev.promptly.core.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The alert's own formatting of times and durations, written without the JDK's locale data. */
class AlertTextTest {
    @Test
    void aDueTimeReadsAsTheJdksEnglishPatternWritesItAtEveryHourOfThreeYears() {
        var jdk = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
        for (ZoneId zone : new ZoneId[]{ZoneId.of("Europe/Berlin"), ZoneId.of("America/St_Johns")}) {
            for (Instant at = Instant.parse("2026-01-01T00:07:00Z"); at.isBefore(Instant.parse("2029-01-01T00:00:00Z"));
                 at = at.plus(Duration.ofMinutes(61))) {
                assertEquals(jdk.format(at.atZone(zone)), AlertText.due(at.atZone(zone)), at + " in " + zone);
            }
        }
    }

    @Test
    void durationsUnderADayShowMinutesWithTwoDigitsAfterTheHours() {
        assertEquals("2 h 05 min", AlertText.human(Duration.ofMinutes(125)));
        assertEquals("2 h 15 min", AlertText.human(Duration.ofMinutes(135)));
        assertEquals("45 min", AlertText.human(Duration.ofMinutes(45)));
        assertEquals("3 d 4 h", AlertText.human(Duration.ofHours(76)));
    }
}
