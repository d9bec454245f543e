package dev.promptly.core.sla;

import static dev.promptly.core.sla.SlaFixtures.BERLIN;
import static dev.promptly.core.sla.SlaFixtures.WEEKDAYS;
import static dev.promptly.core.sla.SlaFixtures.allClocks;
import static dev.promptly.core.sla.SlaFixtures.berlin;
import static dev.promptly.core.sla.SlaFixtures.business;
import static dev.promptly.core.sla.SlaFixtures.calendar;
import static dev.promptly.core.sla.SlaFixtures.calendarTime;
import static dev.promptly.core.sla.SlaFixtures.event;
import static dev.promptly.core.sla.SlaFixtures.everyDay;
import static dev.promptly.core.sla.SlaFixtures.firstResponse;
import static dev.promptly.core.sla.SlaFixtures.holiday;
import static dev.promptly.core.sla.SlaFixtures.message;
import static dev.promptly.core.sla.SlaFixtures.policy;
import static dev.promptly.core.sla.SlaFixtures.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaClocksTest {
    private static final BusinessCalendar OFFICE = weekdays("09:00-17:00");

    private static ClockReport first(SlaReport report) {
        return report.clock("first_response").orElseThrow();
    }

    @Test
    void firstResponseSkipsTheLunchBreak() {
        var clocks = new SlaClocks(firstResponse(business("PT4H")), weekdays("09:00-12:00", "13:00-17:00"));

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-11-25T10:00"))), berlin("2026-11-25T10:30"));

        assertEquals(berlin("2026-11-25T15:00"), first(report).dueAt());
        assertEquals(ClockState.RUNNING, first(report).state());
        assertEquals(Duration.ofMinutes(30), first(report).elapsed());
    }

    @Test
    void aMessageLateInTheDayRunsOnAfterMidnightTheNextMorning() {
        var clocks = new SlaClocks(firstResponse(business("PT4H")), OFFICE);

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-11-25T16:00"))), berlin("2026-11-25T16:00"));

        assertEquals(berlin("2026-11-26T12:00"), first(report).dueAt());
    }

    @Test
    void aNightShiftCountsAcrossMidnight() {
        var clocks = new SlaClocks(firstResponse(business("PT3H")), everyDay("22:00-02:00"));

        var report = clocks.evaluate(Channel.CHAT, List.of(message(berlin("2026-11-25T23:30"))), berlin("2026-11-25T23:30"));

        assertEquals(berlin("2026-11-26T22:30"), first(report).dueAt(), "2:30 h tonight after midnight, the last 0:30 tomorrow night");
    }

    @Test
    void aPublicHolidayAndTheWeekendAreSkipped() {
        BusinessCalendar christmas = calendar(WEEKDAYS, holiday(LocalDate.of(2026, 12, 25), "Christmas Day"), Set.of(), "09:00-17:00");
        var clocks = new SlaClocks(firstResponse(business("PT4H")), christmas);

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-12-24T16:00"))), berlin("2026-12-24T16:00"));

        assertEquals(berlin("2026-12-28T12:00"), first(report).dueAt());
    }

    @Test
    void theSpringForwardNightIsAnHourShorter() {
        var clocks = new SlaClocks(firstResponse(business("PT7H")), everyDay("22:00-06:00"));

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-03-28T22:00"))), berlin("2026-03-28T22:00"));

        assertEquals(berlin("2026-03-29T06:00"), first(report).dueAt(), "22:00 CET to 06:00 CEST is seven real hours");
        assertEquals(Instant.parse("2026-03-29T04:00:00Z"), first(report).dueAt());
    }

    @Test
    void theFallBackNightIsAnHourLonger() {
        var clocks = new SlaClocks(firstResponse(business("PT9H")), everyDay("22:00-06:00"));

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-10-24T22:00"))), berlin("2026-10-24T22:00"));

        assertEquals(Instant.parse("2026-10-25T05:00:00Z"), first(report).dueAt(), "22:00 CEST to 06:00 CET is nine real hours");
    }

    @Test
    void calendarTimeTargetsCountEveryRealHourAcrossTheDstChange() {
        var clocks = new SlaClocks(firstResponse(calendarTime("PT4H")), OFFICE);

        var report = clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-03-29T00:30"))), berlin("2026-03-29T00:30"));

        assertEquals(berlin("2026-03-29T05:30"), first(report).dueAt(), "00:30 CET plus four real hours is 05:30 CEST");
    }

    @Test
    void waitingOnTheCustomerPausesAndTheirNextMessageResumes() {
        var clocks = new SlaClocks(firstResponse(business("PT4H")), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.WAITING_ON_CUSTOMER, berlin("2026-11-25T11:00")),
                message(berlin("2026-11-25T14:00")));

        var paused = first(clocks.evaluate(Channel.EMAIL, log.subList(0, 2), berlin("2026-11-25T13:00")));
        var resumed = first(clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T14:30")));

        assertEquals(ClockState.PAUSED, paused.state());
        assertNull(paused.dueAt());
        assertEquals(Duration.ofHours(3), paused.remaining());
        assertEquals(ClockState.RUNNING, resumed.state());
        assertEquals(berlin("2026-11-25T17:00"), resumed.dueAt(), "one hour used before the pause, three after 14:00");
        assertEquals(List.of(true, false, true), resumed.segments().stream().map(ClockSegment::running).toList());
        assertEquals("waiting_on_customer", resumed.segments().get(1).reason());
    }

    @Test
    void anAutomaticReplyNeverSatisfiesTheFirstResponse() {
        var clocks = new SlaClocks(firstResponse(business("PT4H")), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AUTO_REPLY, berlin("2026-11-25T10:00:05")));

        var report = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T10:05"));

        assertEquals(ClockState.RUNNING, first(report).state());
        assertTrue(report.notes().get(0).contains("does not satisfy"), report.notes().toString());
    }

    @Test
    void anAgentReplyMeetsTheFirstResponseAndALateOneIsABreach() {
        var clocks = new SlaClocks(firstResponse(business("PT1H")), OFFICE);
        var onTime = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T10:40")));
        var late = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T11:20")));

        var met = first(clocks.evaluate(Channel.EMAIL, onTime, berlin("2026-11-25T12:00")));
        var missed = first(clocks.evaluate(Channel.EMAIL, late, berlin("2026-11-25T12:00")));

        assertEquals(ClockState.SATISFIED, met.state());
        assertFalse(met.breached());
        assertEquals(berlin("2026-11-25T10:40"), met.satisfiedAt());
        assertEquals(ClockState.SATISFIED, missed.state());
        assertEquals(berlin("2026-11-25T11:00"), missed.breachedAt());
    }

    @Test
    void aRunningClockPastItsTargetIsBreachedAtItsDueTime() {
        var clocks = new SlaClocks(firstResponse(business("PT1H")), OFFICE);

        var clock = first(clocks.evaluate(Channel.EMAIL, List.of(message(berlin("2026-11-25T10:00"))), berlin("2026-11-25T12:00")));

        assertEquals(berlin("2026-11-25T11:00"), clock.breachedAt());
        assertEquals(berlin("2026-11-25T11:00"), clock.dueAt());
        assertEquals(Duration.ZERO, clock.remaining());
    }

    @Test
    void eachCustomerMessageAfterATeamReplyStartsANextResponseCycle() {
        var clocks = new SlaClocks(allClocks(business("PT1H"), business("PT2H"), business("P1D")), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T10:30")),
                message(berlin("2026-11-25T11:00")), message(berlin("2026-11-25T11:30")),
                event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T12:00")), message(berlin("2026-11-25T14:00")));

        var firstCycle = clocks.evaluate(Channel.EMAIL, log.subList(0, 4), berlin("2026-11-25T11:45"));
        var secondCycle = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T14:10"));

        var cycle1 = firstCycle.clock("next_response-1").orElseThrow();
        assertEquals(berlin("2026-11-25T11:00"), cycle1.startedAt(), "a second message while a cycle runs does not move it");
        assertEquals(berlin("2026-11-25T13:00"), cycle1.dueAt());
        var cycle2 = secondCycle.clock("next_response-2").orElseThrow();
        assertEquals(ClockState.RUNNING, cycle2.state());
        assertEquals(berlin("2026-11-25T16:00"), cycle2.dueAt());
        assertTrue(secondCycle.clock("next_response-1").isEmpty(), "only the current cycle is reported");
    }

    @Test
    void resolutionIsMetWhenSolvedAndResumesWithItsTimeWhenReopened() {
        var clocks = new SlaClocks(allClocks(business("PT1H"), business("PT2H"), business("PT8H")), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T10:30")),
                event(SlaEventType.SOLVED, berlin("2026-11-25T11:00")), event(SlaEventType.REOPENED, berlin("2026-11-25T15:00")));

        var solved = clocks.evaluate(Channel.EMAIL, log.subList(0, 3), berlin("2026-11-25T12:00"));
        var reopened = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T15:00"));

        assertEquals(ConversationStatus.SOLVED, solved.status());
        assertEquals(ClockState.SATISFIED, solved.clock("resolution").orElseThrow().state());
        var resolution = reopened.clock("resolution").orElseThrow();
        assertEquals(ClockState.RUNNING, resolution.state());
        assertEquals(Duration.ofHours(1), resolution.elapsed());
        assertEquals(berlin("2026-11-26T14:00"), resolution.dueAt(), "7 h left from 15:00: 2 h today, 5 h tomorrow");
    }

    @Test
    void aPriorityChangeBeforeTheFirstResponseSwitchesThePolicyForTheWholeClock() {
        var urgent = new SlaPolicy("urgent", new SlaMatch(Set.of(), Set.of(Priority.URGENT), Set.of(), null, Set.of()),
                Map.of(SlaClockKind.FIRST_RESPONSE, business("PT1H")), true);
        var standard = policy("standard", SlaMatch.EVERYTHING, Map.of(SlaClockKind.FIRST_RESPONSE, business("PT4H")));
        var clocks = new SlaClocks(new SlaPolicies(List.of(urgent, standard)), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), SlaEvent.priorityChanged(berlin("2026-11-25T10:30"), Priority.URGENT));

        var before = clocks.evaluate(Channel.EMAIL, log.subList(0, 1), berlin("2026-11-25T10:20"));
        var after = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T10:40"));

        assertEquals("standard", before.policy().orElseThrow().policy().name());
        assertEquals(berlin("2026-11-25T14:00"), first(before).dueAt());
        assertEquals("urgent", after.policy().orElseThrow().policy().name());
        assertEquals(List.of("priority is urgent"), after.policy().orElseThrow().reasons());
        assertEquals(berlin("2026-11-25T11:00"), first(after).dueAt(), "the hour counts from the first message");
        assertEquals(2, after.decisions().size());
        assertTrue(after.urgent());
    }

    @Test
    void aTagChangeAfterTheFirstResponseKeepsThePolicy() {
        var vip = policy("vip", new SlaMatch(Set.of(), Set.of(), Set.of("vip"), null, Set.of()),
                Map.of(SlaClockKind.FIRST_RESPONSE, business("PT1H"), SlaClockKind.NEXT_RESPONSE, business("PT1H")));
        var standard = policy("standard", SlaMatch.EVERYTHING,
                Map.of(SlaClockKind.FIRST_RESPONSE, business("PT4H"), SlaClockKind.NEXT_RESPONSE, business("PT4H")));
        var clocks = new SlaClocks(new SlaPolicies(List.of(vip, standard)), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T10:30")),
                SlaEvent.tagsChanged(berlin("2026-11-25T10:40"), Set.of("VIP")), message(berlin("2026-11-25T11:00")));

        var report = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T11:00"));

        assertEquals("standard", report.policy().orElseThrow().policy().name());
        assertEquals(Set.of("vip"), report.facts().tags());
        assertEquals(berlin("2026-11-25T15:00"), report.clock("next_response-1").orElseThrow().dueAt());
    }

    @Test
    void policiesMatchOnChannelOrderValueAndCustomerTagsFirstMatchWins() {
        var big = policy("big-orders", new SlaMatch(Set.of(Channel.EMAIL), Set.of(), Set.of(), new BigDecimal("500"), Set.of()),
                Map.of(SlaClockKind.FIRST_RESPONSE, business("PT2H")));
        var vip = policy("vip", new SlaMatch(Set.of(), Set.of(), Set.of(), null, Set.of("VIP")),
                Map.of(SlaClockKind.FIRST_RESPONSE, business("PT1H")));
        var policies = new SlaPolicies(List.of(big, vip));
        var clocks = new SlaClocks(policies, OFFICE);
        Instant at = berlin("2026-11-25T10:00");

        var vipAndBig = clocks.evaluate(Channel.EMAIL, List.of(SlaEvent.customerMessage(at, new BigDecimal("799.90"), Set.of("vip"))), at);
        var vipChat = clocks.evaluate(Channel.CHAT, List.of(SlaEvent.customerMessage(at, new BigDecimal("799.90"), Set.of("vip"))), at);
        var nobody = clocks.evaluate(Channel.EMAIL, List.of(SlaEvent.customerMessage(at, new BigDecimal("20"), Set.of())), at);

        assertEquals("big-orders", vipAndBig.policy().orElseThrow().policy().name());
        assertEquals(List.of("channel is email", "order value 799.90 >= 500"), vipAndBig.policy().orElseThrow().reasons());
        assertEquals("vip", vipChat.policy().orElseThrow().policy().name());
        assertTrue(nobody.policy().isEmpty());
        assertTrue(nobody.clocks().isEmpty(), "without a matching policy no clock runs");
    }

    @Test
    void aCalendarChangeWhileAClockRunsMovesItsDueTime() {
        var log = List.of(message(berlin("2026-11-25T16:00")));
        BusinessCalendar closedThursday = calendar(WEEKDAYS, HolidayCalendar.none(), Set.of(LocalDate.of(2026, 11, 26)), "09:00-17:00");

        var before = first(new SlaClocks(firstResponse(business("PT4H")), OFFICE).evaluate(Channel.EMAIL, log, berlin("2026-11-25T16:30")));
        var after = first(new SlaClocks(firstResponse(business("PT4H")), closedThursday).evaluate(Channel.EMAIL, log, berlin("2026-11-25T16:30")));

        assertEquals(berlin("2026-11-26T12:00"), before.dueAt());
        assertEquals(berlin("2026-11-27T12:00"), after.dueAt(), "the closure added for Thursday pushes the deadline to Friday");
        assertEquals(before.elapsed(), after.elapsed());
    }

    @Test
    void eventsAfterTheMomentAskedAboutAreIgnored() {
        var clocks = new SlaClocks(firstResponse(business("PT4H")), OFFICE);
        var log = List.of(message(berlin("2026-11-25T10:00")), event(SlaEventType.AGENT_REPLIED, berlin("2026-11-25T12:00")));

        var report = clocks.evaluate(Channel.EMAIL, log, berlin("2026-11-25T11:00"));

        assertEquals(ClockState.RUNNING, first(report).state());
        assertEquals(BERLIN, report.calendarZone());
    }
}
