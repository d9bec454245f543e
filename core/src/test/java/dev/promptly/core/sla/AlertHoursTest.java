package dev.promptly.core.sla;

import static dev.promptly.core.sla.SlaFixtures.berlin;
import static dev.promptly.core.sla.SlaFixtures.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertHoursTest {
    private static final AlertHours HOLD = new AlertHours(weekdays("08:00-18:00"), AlertHours.Outside.HOLD);
    private static final AlertHours DIGEST = new AlertHours(weekdays("08:00-18:00"), AlertHours.Outside.DIGEST);

    @Test
    void anAlertInsideTheTeamsHoursGoesAtOnce() {
        var delivery = HOLD.delivery(berlin("2026-11-25T10:00"), false);

        assertEquals(AlertHours.Delivery.Mode.NOW, delivery.mode());
    }

    @Test
    void aNonUrgentAlertAtNightIsHeldForTheNextOpening() {
        var delivery = HOLD.delivery(berlin("2026-11-27T21:00"), false);

        assertEquals(AlertHours.Delivery.Mode.HELD, delivery.mode());
        assertEquals(berlin("2026-11-30T08:00"), delivery.notBefore(), "Friday night waits for Monday morning");
    }

    @Test
    void aNonUrgentAlertAtNightGoesIntoTheDigestOfTheNextOpening() {
        var delivery = DIGEST.delivery(berlin("2026-11-25T22:00"), false);

        assertEquals(AlertHours.Delivery.Mode.DIGEST, delivery.mode());
        assertEquals(berlin("2026-11-26T08:00"), delivery.notBefore());
    }

    @Test
    void anUrgentBreachGoesAtOnceWhateverTheHour() {
        var delivery = DIGEST.delivery(berlin("2026-11-25T22:00"), true);

        assertEquals(AlertHours.Delivery.Mode.NOW, delivery.mode());
        assertEquals(berlin("2026-11-25T22:00"), delivery.notBefore());
    }

    @Test
    void onlyBreachesAndEscalationsOfAnUrgentPolicyAreUrgent() {
        var urgent = new SlaPolicy("urgent", SlaMatch.EVERYTHING, Map.of(SlaClockKind.FIRST_RESPONSE, SlaFixtures.business("PT1H")), true);
        var report = new SlaClocks(new SlaPolicies(List.of(urgent)), weekdays("09:00-17:00"))
                .evaluate(dev.promptly.core.message.Channel.EMAIL, List.of(SlaFixtures.message(berlin("2026-11-25T10:00"))), berlin("2026-11-25T10:00"));

        assertTrue(AlertHours.urgent(report, AlertStage.BREACH));
        assertTrue(AlertHours.urgent(report, AlertStage.escalation(Duration.ofHours(1))));
        assertFalse(AlertHours.urgent(report, AlertStage.warning(Duration.ofMinutes(15))));
    }

    @Test
    void withoutAlertHoursNothingIsEverHeld() {
        assertEquals(Optional.empty(), AlertHours.ALWAYS.calendar());
        assertEquals(AlertHours.Delivery.Mode.NOW, AlertHours.ALWAYS.delivery(berlin("2026-11-28T03:00"), false).mode());
    }
}
