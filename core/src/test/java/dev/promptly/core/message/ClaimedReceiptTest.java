package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimedReceiptTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void claimsAreTrustedFromSevenDaysBackToFiveMinutesAheadBothIncluded() {
        assertTrue(new ClaimedReceipt(NOW.minus(Duration.ofDays(7)), NOW).trusted());
        assertTrue(new ClaimedReceipt(NOW.plus(Duration.ofMinutes(5)), NOW).trusted());
        assertTrue(new ClaimedReceipt(NOW, NOW).trusted());

        assertFalse(new ClaimedReceipt(NOW.minus(Duration.ofDays(7)).minusSeconds(1), NOW).trusted());
        assertFalse(new ClaimedReceipt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), NOW).trusted());
    }

    @Test
    void anUntrustedClaimGivesWayToTheReceiptTime() {
        var old = new ClaimedReceipt(Instant.parse("2020-01-01T00:00:00Z"), NOW);
        var recent = new ClaimedReceipt(NOW.minus(Duration.ofHours(3)), NOW);

        assertEquals(NOW, old.effective());
        assertEquals(NOW.minus(Duration.ofHours(3)), recent.effective());
        assertEquals(-217_760_400L, old.skewSeconds());
    }
}
