package dev.promptly.core.sla;

import static dev.promptly.core.sla.SlaFixtures.berlin;
import static dev.promptly.core.sla.SlaFixtures.business;
import static dev.promptly.core.sla.SlaFixtures.event;
import static dev.promptly.core.sla.SlaFixtures.firstResponse;
import static dev.promptly.core.sla.SlaFixtures.message;
import static dev.promptly.core.sla.SlaFixtures.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertPlanTest {
    private static final AlertPlan PLAN = new AlertPlan(List.of(AlertStage.warning(Duration.ofMinutes(60)),
            AlertStage.warning(Duration.ofMinutes(15)), AlertStage.BREACH, AlertStage.escalation(Duration.ofMinutes(60))));
    private static final SlaClocks CLOCKS = new SlaClocks(firstResponse(business("PT4H")), weekdays("09:00-17:00"));
    private static final List<SlaEvent> LOG = List.of(message(berlin("2026-11-25T10:00")));

    private static List<String> dueAt(List<SlaEvent> log, Instant at) {
        return PLAN.due(CLOCKS.evaluate(Channel.EMAIL, log, at), at).stream().map(AlertPlan.DueAlert::key).toList();
    }

    @Test
    void stagesComeAtTheirLeadTimesBeforeAndAfterTheDueTime() {
        assertEquals(List.of(), dueAt(LOG, berlin("2026-11-25T12:59")));
        assertEquals(List.of("first_response#warning-PT1H"), dueAt(LOG, berlin("2026-11-25T13:00")));
        assertEquals(List.of("first_response#warning-PT15M"), dueAt(LOG, berlin("2026-11-25T13:50")));
        assertEquals(List.of("first_response#breach"), dueAt(LOG, berlin("2026-11-25T14:00")));
        assertEquals(List.of("first_response#breach", "first_response#escalation-PT1H"), dueAt(LOG, berlin("2026-11-25T15:00")));
    }

    @Test
    void theNextCheckpointIsTheNextStageToCome() {
        Instant at = berlin("2026-11-25T13:05");

        var next = PLAN.nextCheckpoint(CLOCKS.evaluate(Channel.EMAIL, LOG, at), at);

        assertEquals(Optional.of(berlin("2026-11-25T13:45")), next);
    }

    @Test
    void aPausedOrSatisfiedClockRaisesNothingAndNeedsNoCheckpoint() {
        Instant at = berlin("2026-11-25T15:00");
        var waiting = List.of(LOG.get(0), event(SlaEventType.WAITING_ON_CUSTOMER, berlin("2026-11-25T11:00")));
        var answered = List.of(LOG.get(0), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T11:00")));

        assertEquals(List.of(), dueAt(waiting, at));
        assertEquals(List.of(), dueAt(answered, at));
        assertEquals(Optional.empty(), PLAN.nextCheckpoint(CLOCKS.evaluate(Channel.EMAIL, answered, at), at));
    }

    @Test
    void theCheckpointFollowsTheClockAcrossTheNight() {
        Instant evening = berlin("2026-11-25T16:30");
        var log = List.of(message(berlin("2026-11-25T16:00")));

        var next = PLAN.nextCheckpoint(CLOCKS.evaluate(Channel.EMAIL, log, evening), evening);

        assertEquals(Optional.of(berlin("2026-11-26T11:00")), next, "due Thursday 12:00, warned an hour before");
        assertTrue(PLAN.due(CLOCKS.evaluate(Channel.EMAIL, log, evening), evening).isEmpty());
    }
}
