package dev.promptly.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.core.kpi.ConversationFacts.AlertMarker;
import dev.promptly.core.message.Channel;
import dev.promptly.core.sla.SlaClockKind;
import dev.promptly.core.sla.SlaClocks;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.core.sla.SlaMatch;
import dev.promptly.core.sla.SlaPolicies;
import dev.promptly.core.sla.SlaPolicy;
import dev.promptly.core.sla.SlaTarget;
import dev.promptly.core.sla.TimeBasis;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KpiCalculatorTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday to Friday 09:00–17:00 in Berlin; 2026-11-25 is a Wednesday. */
    private static final BusinessCalendar OFFICE = office();
    /** "standard": first response 4 h and next response 2 h of business time, resolution 2 days of calendar time. */
    private static final SlaPolicies POLICIES = new SlaPolicies(List.of(new SlaPolicy("standard", SlaMatch.EVERYTHING, Map.of(
            SlaClockKind.FIRST_RESPONSE, new SlaTarget(Duration.ofHours(4), TimeBasis.BUSINESS),
            SlaClockKind.NEXT_RESPONSE, new SlaTarget(Duration.ofHours(2), TimeBasis.BUSINESS),
            SlaClockKind.RESOLUTION, new SlaTarget(Duration.ofDays(2), TimeBasis.CALENDAR)), false)));
    private static final KpiCalculator KPIS = new KpiCalculator(new SlaClocks(POLICIES, OFFICE), OFFICE);
    private static final Instant LATER = berlin("2026-12-20T12:00");

    private static BusinessCalendar office() {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(TimeRange.parse("09:00-17:00")));
        }
        return BusinessCalendar.of(BERLIN, weekly, HolidayCalendar.none(), java.util.Set.of(), Map.of());
    }

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    /** A log from pairs of type and Berlin time: {@code log("customer_message", "2026-11-25T10:00", …)}. */
    private static List<SlaEvent> log(String... typesAndTimes) {
        List<SlaEvent> events = new ArrayList<>();
        for (int i = 0; i < typesAndTimes.length; i += 2) {
            SlaEventType type = SlaEventType.fromWire(typesAndTimes[i]).orElseThrow();
            Instant at = berlin(typesAndTimes[i + 1]);
            events.add(type == SlaEventType.CUSTOMER_MESSAGE ? SlaEvent.customerMessage(at, null, null) : SlaEvent.of(type, at));
        }
        return events;
    }

    private static ConversationFacts email(List<SlaEvent> events) {
        return new ConversationFacts(Channel.EMAIL, "de", "wismo", null, events.get(0).at(), events, List.of(), Optional.empty(),
                OptionalInt.empty());
    }

    private static ResponseTimes times(Duration calendar, Duration business) {
        return ResponseTimes.NONE.with(calendar, business);
    }

    @Test
    void firstResponseRunsToTheFirstTeamReplyNeverToTheAutomaticOne() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:00:05",
                "agent_replied", "2026-11-25T12:30"));

        KpiCounts counts = KPIS.conversation(facts, LATER);

        assertEquals(1, counts.conversations());
        assertEquals(times(Duration.ofMinutes(150), Duration.ofMinutes(150)), counts.firstResponse());
        assertEquals(ResponseTimes.NONE, counts.nextResponse());
    }

    @Test
    void businessTimeLeavesOutTheNightWhileCalendarTimeCountsIt() {
        var facts = email(log("customer_message", "2026-11-25T16:00", "agent_replied", "2026-11-26T10:00"));

        KpiCounts counts = KPIS.conversation(facts, LATER);

        assertEquals(times(Duration.ofHours(18), Duration.ofHours(2)), counts.firstResponse());
    }

    @Test
    void eachCustomerMessageWaitingForTheTeamGivesOneNextResponseTime() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00",
                "customer_message", "2026-11-25T12:00", "customer_message", "2026-11-25T12:30", "agent_replied", "2026-11-25T13:00",
                "customer_message", "2026-11-25T14:00", "agent_replied", "2026-11-25T14:15"));

        KpiCounts counts = KPIS.conversation(facts, LATER);

        assertEquals(times(Duration.ofHours(1), Duration.ofHours(1)).plus(times(Duration.ofMinutes(15), Duration.ofMinutes(15))),
                counts.nextResponse(), "the second message of the first wait does not start a wait of its own");
    }

    @Test
    void aSolvedConversationWithOneReplyIsResolvedAtFirstContactOnceSevenDaysPassed() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00",
                "solved", "2026-11-25T15:00"));

        KpiCounts sixDaysLater = KPIS.conversation(facts, berlin("2026-12-02T14:59"));
        KpiCounts sevenDaysLater = KPIS.conversation(facts, berlin("2026-12-02T15:00"));

        assertEquals(0, sixDaysLater.solved(), "not counted among the solved before the reopen window closed");
        assertEquals(0, sixDaysLater.solvedFirstContact(), "not decided before the reopen window closed");
        assertTrue(Double.isNaN(sixDaysLater.firstContactResolutionRate()), "no rate of 0 % for a solve still undecided");
        assertEquals(1, sevenDaysLater.solved());
        assertEquals(1, sevenDaysLater.solvedFirstContact());
        assertEquals(times(Duration.ofHours(5), Duration.ofHours(5)), sixDaysLater.resolution(), "the resolution time counts at once");
        assertEquals(times(Duration.ofHours(5), Duration.ofHours(5)), sevenDaysLater.resolution());
    }

    @Test
    void twoTeamRepliesOrAReopenWithinSevenDaysAreNoFirstContactResolution() {
        var twoReplies = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00",
                "agent_replied", "2026-11-25T11:30", "solved", "2026-11-25T12:00"));
        var reopened = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00",
                "solved", "2026-11-25T12:00", "customer_message", "2026-11-27T09:00", "solved", "2026-11-27T10:00"));

        KpiCounts a = KPIS.conversation(twoReplies, LATER);
        KpiCounts b = KPIS.conversation(reopened, LATER);

        assertEquals(1, a.solved());
        assertEquals(0, a.solvedFirstContact());
        assertEquals(1, b.solved());
        assertEquals(0, b.solvedFirstContact());
        assertEquals(times(Duration.ofHours(48), Duration.ofHours(16)), b.resolution(), "to the solve it stands at");
    }

    @Test
    void aReopenedConversationIsNotSolved() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00",
                "solved", "2026-11-25T12:00", "reopened", "2026-11-25T13:00"));

        KpiCounts counts = KPIS.conversation(facts, LATER);

        assertEquals(0, counts.solved());
        assertEquals(ResponseTimes.NONE, counts.resolution());
    }

    @Test
    void anAutomaticReplyTheCustomerLeftAloneFor72HoursIsAutomated() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:01",
                "waiting_on_customer", "2026-11-25T10:01"));

        KpiCounts before = KPIS.conversation(facts, berlin("2026-11-28T10:00"));
        KpiCounts after = KPIS.conversation(facts, berlin("2026-11-28T10:01"));

        assertEquals(0, before.automated(), "71:59 h after the reply");
        assertEquals(0, before.automationDecided(), "not yet decided, so not in the rate's base");
        assertTrue(Double.isNaN(before.automationRate()), "no rate of 0 % while it may still be automated");
        assertEquals(1, after.automated());
        assertEquals(1.0, after.automationRate());
    }

    @Test
    void aCustomerWhoWritesAgainWithinTheWindowDecidesAtOnce() {
        var wroteAgain = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:01",
                "customer_message", "2026-11-25T12:00"));

        KpiCounts counts = KPIS.conversation(wroteAgain, berlin("2026-11-25T13:00"));

        assertEquals(1, counts.automationDecided());
        assertEquals(0.0, counts.automationRate());
    }

    @Test
    void aCustomerWritingAgainOrATeamReplyMeansItWasNotAutomated() {
        var wroteAgain = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:01",
                "customer_message", "2026-11-27T10:00"));
        var teamReplied = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:01",
                "agent_replied", "2026-12-05T10:00"));
        var wroteMuchLater = email(log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:01",
                "customer_message", "2026-12-05T10:00"));
        var noAutomaticReply = email(log("customer_message", "2026-11-25T10:00"));

        assertEquals(0, KPIS.conversation(wroteAgain, LATER).automated());
        assertEquals(0, KPIS.conversation(teamReplied, LATER).automated());
        assertEquals(1, KPIS.conversation(wroteMuchLater, LATER).automated(), "a message after 72 h is a new request");
        assertEquals(0, KPIS.conversation(noAutomaticReply, LATER).automated());
    }

    @Test
    void clocksCountOnceTheyStoppedOrPassedTheirTargetPerPolicyAndClock() {
        var metAndMissed = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T12:00",
                "customer_message", "2026-11-25T13:00", "agent_replied", "2026-11-25T16:00",
                "customer_message", "2026-11-26T09:00", "agent_replied", "2026-11-26T10:00"));

        KpiCounts counts = KPIS.conversation(metAndMissed, berlin("2026-11-26T12:00"));

        assertEquals(Map.of("standard/first_response", new SlaAttainment(1, 0, 0, 0),
                "standard/next_response", new SlaAttainment(1, 1, 0, 0)), counts.sla(),
                "first reply in 2 h met; next replies in 3 h missed and 1 h met; resolution still running within its 2 days");
    }

    @Test
    void aRunningClockPastItsTargetIsMissedAndOneWithinItIsNotCountedYet() {
        var facts = email(log("customer_message", "2026-11-25T10:00"));

        assertEquals(Map.of(), KPIS.conversation(facts, berlin("2026-11-25T13:59")).sla());
        assertEquals(Map.of("standard/first_response", new SlaAttainment(0, 1, 0, 0)),
                KPIS.conversation(facts, berlin("2026-11-25T14:00")).sla());
        assertEquals(Map.of("standard/first_response", new SlaAttainment(0, 1, 0, 0),
                "standard/resolution", new SlaAttainment(0, 1, 0, 0)), KPIS.conversation(facts, berlin("2026-11-27T10:00")).sla());
    }

    @Test
    void recordedWarningsAndBreachesCountPerClockKindAndEscalationsDoNot() {
        var events = log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T15:00", "solved", "2026-11-25T15:10");
        var facts = new ConversationFacts(Channel.EMAIL, "de", "wismo", null, events.get(0).at(), events, List.of(
                new AlertMarker("first_response", "warning-PT15M"), new AlertMarker("first_response", "breach"),
                new AlertMarker("first_response", "escalation-PT1H"), new AlertMarker("next_response-2", "warning-PT30M")),
                Optional.empty(), OptionalInt.empty());

        KpiCounts counts = KPIS.conversation(facts, LATER);

        assertEquals(Map.of("standard/first_response", new SlaAttainment(0, 1, 1, 1), "standard/next_response", new SlaAttainment(0, 0, 1, 0),
                "standard/resolution", new SlaAttainment(1, 0, 0, 0)), counts.sla());
    }

    @Test
    void wismoRepliesAndTheSurveyAreCounted() {
        var events = log("customer_message", "2026-11-25T10:00", "auto_reply", "2026-11-25T10:00");
        var answered = new ConversationFacts(Channel.CHAT, "en", "wismo", "answered", events.get(0).at(), events, List.of(),
                Optional.of(berlin("2026-11-26T10:00")), OptionalInt.of(4));
        var asked = new ConversationFacts(Channel.CHAT, "en", "wismo", "ask_reference", events.get(0).at(), events, List.of(),
                Optional.of(berlin("2026-11-26T10:00")), OptionalInt.empty());

        KpiCounts a = KPIS.conversation(answered, LATER);
        KpiCounts b = KPIS.conversation(asked, LATER);

        assertEquals(1, a.wismoAnswers());
        assertEquals(0, a.wismoAsks());
        assertEquals(new CsatTally(1, List.of(0L, 0L, 0L, 1L, 0L)), a.csat());
        assertEquals(0, b.wismoAnswers());
        assertEquals(1, b.wismoAsks());
        assertEquals(new CsatTally(1, List.of(0L, 0L, 0L, 0L, 0L)), b.csat());
    }

    @Test
    void aDelayNoticePreventedAContactWhenNobodyWroteAboutTheOrderForSevenDays() {
        Instant sent = berlin("2026-11-25T10:00");
        var quiet = new SentNotice("email", "de", sent, List.of(sent.minus(Duration.ofDays(1)), sent.plus(Duration.ofDays(8))));
        var wrote = new SentNotice("email", "de", sent, List.of(sent.plus(Duration.ofDays(2))));

        KpiCounts undecided = KPIS.notice(quiet, sent.plus(Duration.ofDays(7)).minusSeconds(1));
        KpiCounts prevented = KPIS.notice(quiet, sent.plus(Duration.ofDays(7)));
        KpiCounts anyway = KPIS.notice(wrote, sent.plus(Duration.ofDays(3)));

        assertEquals(List.of(1L, 0L, 0L), List.of(undecided.delayNotices(), undecided.contactsPrevented(), undecided.contactsAnyway()));
        assertEquals(List.of(1L, 1L, 0L), List.of(prevented.delayNotices(), prevented.contactsPrevented(), prevented.contactsAnyway()));
        assertEquals(List.of(1L, 0L, 1L), List.of(anyway.delayNotices(), anyway.contactsPrevented(), anyway.contactsAnyway()));
    }

    @Test
    void eventsAfterNowAreIgnored() {
        var facts = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T12:00"));

        KpiCounts counts = KPIS.conversation(facts, berlin("2026-11-25T11:00"));

        assertEquals(ResponseTimes.NONE, counts.firstResponse());
    }

    @Test
    void aDaySumsItsConversationsAndNoticesPerSlice() {
        var de = email(log("customer_message", "2026-11-25T10:00", "agent_replied", "2026-11-25T11:00"));
        var deToo = email(log("customer_message", "2026-11-25T12:00", "agent_replied", "2026-11-25T12:30"));
        var chat = new ConversationFacts(Channel.CHAT, "en", null, null, berlin("2026-11-25T09:00"),
                log("customer_message", "2026-11-25T09:00"), List.of(), Optional.empty(), OptionalInt.empty());
        var notice = new SentNotice("whatsapp", "de", berlin("2026-11-25T08:00"), List.of());
        ShopDomain shop = new ShopDomain("kpi-shop.myshopify.com");

        DailyKpis day = KPIS.day(shop, LocalDate.of(2026, 11, 25), List.of(de, deToo, chat), List.of(notice), LATER);

        assertEquals(3, day.slices().size());
        KpiCounts email = day.slices().get(new KpiSlice("email", "de", "wismo"));
        assertEquals(2, email.conversations());
        assertEquals(times(Duration.ofHours(1), Duration.ofHours(1)).plus(times(Duration.ofMinutes(30), Duration.ofMinutes(30))),
                email.firstResponse());
        assertEquals(1, day.slices().get(new KpiSlice("chat", "en", "none")).conversations());
        assertEquals(1, day.slices().get(new KpiSlice("whatsapp", "de", "none")).contactsPrevented());
        assertEquals(3, day.total().conversations());
    }
}
