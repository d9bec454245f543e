package dev.promptly.core.delay;

import static dev.promptly.core.delay.DelayFixtures.BERLIN;
import static dev.promptly.core.delay.DelayFixtures.berlin;
import static dev.promptly.core.delay.DelayFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shop's policy allows a repeat three days after the first notice; the send window is 08:00–20:00. */
class NoticePlannerTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final NoticePlanner planner = new NoticePlanner();
    private final Delay late = new Delay("1001", DelayStage.NOT_SHIPPED, null, berlin("2025-10-07T00:00"), null);
    private final DelayAssessment lateNow = new DelayAssessment(List.of(late), null, true);

    @Test
    void aNewDelayInsideTheWindowIsNoticedNowAndCheckedAgainWhenItsRepeatMayGoOut() {
        Instant now = berlin("2025-10-07T09:00");

        NoticePlan plan = planner.plan(lateNow, policy(), Map.of(), BERLIN, now);

        assertEquals(List.of(new NoticePlan.PlannedNotice(late, false)), plan.notices());
        assertEquals("1001#not_shipped", plan.notices().get(0).key());
        assertNull(plan.heldUntil());
        assertEquals(now.plus(java.time.Duration.ofDays(3)), plan.nextCheckAt());
    }

    @Test
    void aNewDelayOneMinuteBeforeTheWindowOpensIsHeldUntilItOpens() {
        NoticePlan plan = planner.plan(lateNow, policy(), Map.of(), BERLIN, berlin("2025-10-07T07:59"));

        assertEquals(List.of(), plan.notices());
        assertEquals(berlin("2025-10-07T08:00"), plan.heldUntil());
        assertEquals(berlin("2025-10-07T08:00"), plan.nextCheckAt());
    }

    @Test
    void theWindowIsReadInTheRecipientsZone() {
        Instant berlinMorning = berlin("2025-10-07T08:00"); // 02:00 in New York

        NoticePlan plan = planner.plan(lateNow, policy(), Map.of(), NEW_YORK, berlinMorning);

        assertEquals(List.of(), plan.notices());
        assertEquals(Instant.parse("2025-10-07T12:00:00Z"), plan.heldUntil(), "08:00 EDT");
    }

    @Test
    void aNoticedDelayIsNotRepeatedBeforeItsDaysHavePassed() {
        Instant first = berlin("2025-10-07T09:00");

        NoticePlan plan = planner.plan(lateNow, policy(), Map.of(late.key(), first), BERLIN, berlin("2025-10-10T08:59"));

        assertEquals(List.of(), plan.notices());
        assertNull(plan.heldUntil());
        assertEquals(berlin("2025-10-10T09:00"), plan.nextCheckAt());
    }

    @Test
    void aNoticedDelayThatLastsGetsOneRepeat() {
        Instant first = berlin("2025-10-07T09:00");

        NoticePlan plan = planner.plan(lateNow, policy(), Map.of(late.key(), first), BERLIN, berlin("2025-10-10T09:00"));

        assertEquals(List.of(new NoticePlan.PlannedNotice(late, true)), plan.notices());
        assertEquals("1001#not_shipped#repeat", plan.notices().get(0).key());
    }

    @Test
    void afterItsRepeatADelayIsNeverNoticedAgain() {
        Map<String, Instant> sent = Map.of(late.key(), berlin("2025-10-07T09:00"), late.repeatKey(), berlin("2025-10-10T09:00"));

        NoticePlan plan = planner.plan(lateNow, policy(), sent, BERLIN, berlin("2025-12-01T10:00"));

        assertEquals(NoticePlan.NOTHING, plan);
    }

    @Test
    void aFinishedOrderGetsNothingEvenWithNoticesPending() {
        assertEquals(NoticePlan.NOTHING, planner.plan(DelayAssessment.FINISHED, policy(), Map.of(), BERLIN, berlin("2025-10-07T09:00")));
    }

    @Test
    void firstNoticesComeBeforeRepeatsAndAFutureRuleCheckIsKept() {
        Delay parcel = new Delay("1001", DelayStage.TRACKING_STALLED, "f1", berlin("2025-10-08T00:00"), null);
        Instant ruleCheck = berlin("2025-10-20T00:00");
        var assessment = new DelayAssessment(List.of(late, parcel), ruleCheck, true);
        Map<String, Instant> sent = Map.of(late.key(), berlin("2025-10-07T09:00"));

        NoticePlan plan = planner.plan(assessment, policy(), sent, BERLIN, berlin("2025-10-13T10:00"));

        assertEquals(List.of(new NoticePlan.PlannedNotice(parcel, false), new NoticePlan.PlannedNotice(late, true)), plan.notices());
        assertTrue(plan.nextCheckAt().isBefore(ruleCheck), "the new notice's own repeat comes first");
    }
}
