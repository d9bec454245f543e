package dev.promptly.core.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptly.core.shopify.ShippingLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelayPolicyTest {
    @Test
    void transitDaysFallBackToTheDefaultForUnlistedOrUnknownCountries() {
        DelayPolicy policy = DelayFixtures.policy();

        assertEquals(2, policy.transitDaysTo("de"));
        assertEquals(3, policy.transitDaysTo("AT"));
        assertEquals(5, policy.transitDaysTo("FR"));
        assertEquals(5, policy.transitDaysTo(null));
    }

    @Test
    void theSlowestMatchingShippingMethodWins() {
        DelayPolicy policy = DelayFixtures.policyWithShipping(Map.of("express", 1, "Bulky Freight", 6));

        int days = policy.handlingDaysFor(List.of(new ShippingLine("Express", "dhl-express"), new ShippingLine("bulky freight", null)));

        assertEquals(6, days);
    }

    @Test
    void aRepeatNoticeIsAllowedRepeatAfterDaysAfterTheFirst() {
        Instant first = Instant.parse("2025-10-07T08:00:00Z");

        assertEquals(Instant.parse("2025-10-10T08:00:00Z"), DelayFixtures.policy().repeatAllowedAt(first));
    }

    @Test
    void transitDaysMustHoldTheDefaultCountry() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DelayPolicy(2, null, Map.of(), 2, 4,
                Map.of("DE", 2), 3, SendWindow.DEFAULT, 50, 0.25));

        assertEquals("transitDays: must hold * for countries not listed", e.getMessage());
    }

    @Test
    void shippingMethodsDifferingOnlyInCaseAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DelayFixtures.policyWithShipping(
                new java.util.TreeMap<>(Map.of("Express", 1, "express", 2))));

        assertEquals("handlingDaysByShipping: express is listed twice (case is ignored)", e.getMessage());
    }

    @Test
    void outOfRangeThresholdsAreRefusedByName() {
        assertEquals("trackingStallDays: must be from 1 to 60 business days", assertThrows(IllegalArgumentException.class,
                () -> new DelayPolicy(2, null, Map.of(), 2, 0, Map.of("*", 5), 3, SendWindow.DEFAULT, 50, 0.25)).getMessage());
        assertEquals("maxShareOfDue: must be above 0 and at most 1", assertThrows(IllegalArgumentException.class,
                () -> new DelayPolicy(2, null, Map.of(), 2, 4, Map.of("*", 5), 3, SendWindow.DEFAULT, 50, 0)).getMessage());
    }

    @Test
    void anOrderLevelDelayTakesNoFulfillmentAndAParcelDelayNeedsOne() {
        Instant since = Instant.parse("2025-10-07T08:00:00Z");

        assertThrows(IllegalArgumentException.class, () -> new Delay("1001", DelayStage.NOT_SHIPPED, "f1", since, null));
        assertThrows(IllegalArgumentException.class, () -> new Delay("1001", DelayStage.TRACKING_STALLED, null, since, null));
        assertEquals("1001#f1#tracking_stalled#repeat", new Delay("1001", DelayStage.TRACKING_STALLED, "f1", since, null).repeatKey());
    }
}
