package dev.promptly.core.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final SendWindow DAYTIME = SendWindow.parse("08:00-20:00");

    @Test
    void aNoticeInsideTheWindowGoesOutNow() {
        Instant berlinNoon = Instant.parse("2025-10-06T10:00:00Z");

        assertEquals(berlinNoon, DAYTIME.nextSendableAt(berlinNoon, BERLIN));
    }

    @Test
    void aNoticeBeforeTheWindowWaitsForItsOpeningTheSameMorning() {
        Instant berlin0759 = Instant.parse("2025-10-06T05:59:00Z");

        assertEquals(Instant.parse("2025-10-06T06:00:00Z"), DAYTIME.nextSendableAt(berlin0759, BERLIN));
    }

    @Test
    void theWindowsEndIsClosedSoANoticeWaitsForTheNextMorning() {
        Instant berlin2000 = Instant.parse("2025-10-06T18:00:00Z");

        assertEquals(Instant.parse("2025-10-07T06:00:00Z"), DAYTIME.nextSendableAt(berlin2000, BERLIN));
    }

    @Test
    void theSameInstantIsSendableInBerlinButHeldInNewYork() {
        Instant berlinAfternoonNewYorkMorning = Instant.parse("2025-10-06T11:30:00Z");

        assertEquals(berlinAfternoonNewYorkMorning, DAYTIME.nextSendableAt(berlinAfternoonNewYorkMorning, BERLIN));
        assertEquals(Instant.parse("2025-10-06T12:00:00Z"), DAYTIME.nextSendableAt(berlinAfternoonNewYorkMorning, NEW_YORK));
    }

    @Test
    void aNoticeHeldOverNewYorksSpringForwardNightOpensAtEightDaylightTime() {
        Instant saturday2300Est = Instant.parse("2026-03-08T04:00:00Z");

        // 08:00 EDT (UTC-4) on Sunday 8 March 2026, not 08:00 EST.
        assertEquals(Instant.parse("2026-03-08T12:00:00Z"), DAYTIME.nextSendableAt(saturday2300Est, NEW_YORK));
    }

    @Test
    void aNoticeHeldOverBerlinsFallBackNightOpensAtEightWinterTime() {
        Instant saturday2100Cest = Instant.parse("2025-10-25T19:00:00Z");

        // 08:00 CET (UTC+1) on Sunday 26 October 2025, 25 hours of wall-clock night later.
        assertEquals(Instant.parse("2025-10-26T07:00:00Z"), DAYTIME.nextSendableAt(saturday2100Cest, BERLIN));
    }

    @Test
    void anOpeningTheClockSkipsMovesForwardByTheGap() {
        SendWindow early = SendWindow.parse("02:30-20:00");
        Instant sunday0100Cet = Instant.parse("2026-03-29T00:00:00Z");

        // 02:30 does not exist on 29 March 2026 in Berlin; the window opens at 03:30 CEST.
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), early.nextSendableAt(sunday0100Cet, BERLIN));
    }

    @Test
    void aWindowMustStartBeforeItEnds() {
        var e = assertThrows(IllegalArgumentException.class, () -> SendWindow.parse("20:00-08:00"));

        assertEquals("the send window must start before it ends, within one day", e.getMessage());
    }
}
