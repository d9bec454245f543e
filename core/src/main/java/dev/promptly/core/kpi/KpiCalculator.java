package dev.promptly.core.kpi;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.sla.ClockReport;
import dev.promptly.core.sla.ClockState;
import dev.promptly.core.sla.SlaClockKind;
import dev.promptly.core.sla.SlaClocks;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.core.sla.SlaReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes a shop's KPIs from the facts of its conversations and delay notices, as they stand at {@code now}.
 * Rules (events after {@code now} are ignored; ties keep the log's order):
 * <ul>
 *   <li>First response: opening (the first customer message) to the first {@code agent_replied}; automatic replies never
 *       count. Next response: after the first team reply, a customer message that finds no reply pending starts a wait,
 *       the next {@code agent_replied} ends it. Resolution: opening to the {@code solved} the conversation still stands
 *       at. Each in calendar time and in the shop's business time.</li>
 *   <li>SLA per {@code <policy>/<clock>} of the policy in effect ({@link SlaClocks}): a clock counts once it stopped or
 *       passed its target — missed when breached, met otherwise; every next-response cycle counts. Warnings and breaches
 *       are the alert stages recorded.</li>
 *   <li>First-contact resolution: solved after at most one team reply and not reopened within {@link #REOPEN_WINDOW} of a
 *       solve; decided once that window has passed since the solve, and only then counted among the solved (so the rate
 *       is over decided conversations).</li>
 *   <li>Automated: the first automatic reply (acknowledgement or WISMO answer) was followed by no customer message within
 *       {@link #AUTOMATION_WINDOW} and no team reply at all; decided once the window passed.</li>
 *   <li>Delay notices: prevented when no customer message about the order came within {@link #PREVENTION_WINDOW} after
 *       sending (decided once it passed), anyway as soon as one came.</li>
 * </ul>
 * So a day's figures can change until {@link #SETTLING_DAYS} days after it; later they are final. Immutable and
 * thread-safe; reads no clock.
 */
public final class KpiCalculator {
    public static final Duration REOPEN_WINDOW = Duration.ofDays(7);
    public static final Duration AUTOMATION_WINDOW = Duration.ofHours(72);
    public static final Duration PREVENTION_WINDOW = Duration.ofDays(7);
    /** Days after which a day's KPIs no longer change: the longest window, plus one for a day's length. */
    public static final int SETTLING_DAYS = 8;

    private final SlaClocks clocks;
    private final BusinessCalendar calendar;

    /** @param clocks the shop's SLA clocks, over {@code calendar} (the shop's business hours, in its zone) */
    public KpiCalculator(SlaClocks clocks, BusinessCalendar calendar) {
        this.clocks = Objects.requireNonNull(clocks, "clocks");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The KPIs of {@code day}: each conversation and notice given in its slice (the caller picks those of the day). */
    public DailyKpis day(ShopDomain shop, LocalDate day, List<ConversationFacts> conversations, List<SentNotice> notices, Instant now) {
        Map<KpiSlice, KpiCounts> slices = new LinkedHashMap<>();
        conversations.forEach(c -> slices.merge(c.slice(), conversation(c, now), KpiCounts::plus));
        notices.forEach(n -> slices.merge(n.slice(), notice(n, now), KpiCounts::plus));
        return new DailyKpis(shop, day, slices);
    }

    /** One conversation's contribution. */
    public KpiCounts conversation(ConversationFacts facts, Instant now) {
        List<SlaEvent> events = new ArrayList<>();
        facts.events().stream().filter(e -> !e.at().isAfter(now)).forEach(events::add);
        events.sort(Comparator.comparing(SlaEvent::at));
        Walk walk = new Walk(facts.openedAt());
        events.forEach(walk::apply);

        ResponseTimes first = walk.firstReply == null ? ResponseTimes.NONE : times(ResponseTimes.NONE, walk.opening, walk.firstReply);
        ResponseTimes next = ResponseTimes.NONE;
        for (Instant[] wait : walk.nextWaits) {
            next = times(next, wait[0], wait[1]);
        }
        boolean solved = walk.solvedAt != null;
        ResponseTimes resolution = solved ? times(ResponseTimes.NONE, walk.opening, walk.solvedAt) : ResponseTimes.NONE;
        // Counted for first-contact resolution only once its reopen window passed: a fresh day's rate is then over
        // decided conversations instead of reading 0 % for every solve that may still turn out first-contact.
        boolean settled = solved && !now.isBefore(walk.solvedAt.plus(REOPEN_WINDOW));
        boolean firstContact = settled && walk.repliesBeforeSolve <= 1 && !walk.reopenedSoon;
        CsatTally csat = CsatTally.NONE;
        if (facts.surveySentAt().isPresent()) {
            csat = csat.withSurveySent();
        }
        if (facts.rating().isPresent()) {
            csat = csat.withRating(facts.rating().getAsInt());
        }
        return new KpiCounts(1, first, next, resolution, sla(facts, events, now), settled ? 1 : 0, firstContact ? 1 : 0,
                automated(events, now) ? 1 : 0, "answered".equals(facts.wismoReply()) ? 1 : 0,
                "ask_reference".equals(facts.wismoReply()) ? 1 : 0, 0, 0, 0, csat, automationDecided(events, now) ? 1 : 0);
    }

    /** One delay notice's contribution. */
    public KpiCounts notice(SentNotice notice, Instant now) {
        Instant windowEnd = notice.sentAt().plus(PREVENTION_WINDOW);
        boolean wrote = notice.customerMessages().stream()
                .anyMatch(at -> at.isAfter(notice.sentAt()) && !at.isAfter(windowEnd) && !at.isAfter(now));
        boolean prevented = !wrote && !now.isBefore(windowEnd);
        return new KpiCounts(0, ResponseTimes.NONE, ResponseTimes.NONE, ResponseTimes.NONE, Map.of(), 0, 0, 0, 0, 0, 1,
                prevented ? 1 : 0, wrote ? 1 : 0, CsatTally.NONE);
    }

    private ResponseTimes times(ResponseTimes so, Instant from, Instant to) {
        return so.with(Duration.between(from, to), calendar.businessTimeBetween(from, to));
    }

    /**
     * Whether {@link #automated} can no longer change: no automatic reply at all, its window passed, or already a team
     * reply or a customer message inside the window.
     */
    private static boolean automationDecided(List<SlaEvent> events, Instant now) {
        Instant reply = events.stream().filter(e -> e.type() == SlaEventType.AUTO_REPLY).map(SlaEvent::at).findFirst().orElse(null);
        if (reply == null || !now.isBefore(reply.plus(AUTOMATION_WINDOW))) {
            return true;
        }
        return events.stream().anyMatch(e -> !e.at().isAfter(now) && (e.type() == SlaEventType.AGENT_REPLIED
                || e.type() == SlaEventType.CUSTOMER_MESSAGE && e.at().isAfter(reply)));
    }

    /** The first automatic reply stood alone: no team reply ever, no customer message in the window after it. */
    private static boolean automated(List<SlaEvent> events, Instant now) {
        Instant reply = events.stream().filter(e -> e.type() == SlaEventType.AUTO_REPLY).map(SlaEvent::at).findFirst().orElse(null);
        if (reply == null || now.isBefore(reply.plus(AUTOMATION_WINDOW))) {
            return false;
        }
        Instant windowEnd = reply.plus(AUTOMATION_WINDOW);
        for (SlaEvent e : events) {
            if (e.type() == SlaEventType.AGENT_REPLIED) {
                return false;
            }
            if (e.type() == SlaEventType.CUSTOMER_MESSAGE && e.at().isAfter(reply) && !e.at().isAfter(windowEnd)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Attainment per {@code <policy>/<clock>}: the clocks at {@code now}, and each next-response cycle as it stood when
     * a team reply ended it ({@link SlaReport} shows only the latest cycle), plus the alert stages recorded.
     */
    private Map<String, SlaAttainment> sla(ConversationFacts facts, List<SlaEvent> events, Instant now) {
        SlaReport report = clocks.evaluate(facts.channel(), events, now);
        String policy = report.policy().map(p -> p.policy().name()).orElse(KpiSlice.NONE);
        Map<String, ClockReport> counted = new TreeMap<>();
        events.stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).map(SlaEvent::at).distinct().forEach(at ->
                clocks.evaluate(facts.channel(), events, at).clocks().stream()
                        .filter(c -> c.kind() == SlaClockKind.NEXT_RESPONSE && at.equals(c.satisfiedAt()))
                        .forEach(c -> counted.put(c.id(), c)));
        report.clocks().forEach(c -> counted.put(c.id(), c));
        Map<String, SlaAttainment> sla = new TreeMap<>();
        for (ClockReport clock : counted.values()) {
            boolean stopped = clock.state() == ClockState.SATISFIED || clock.state() == ClockState.STOPPED;
            if (clock.breached() || stopped) {
                SlaAttainment outcome = clock.breached() ? new SlaAttainment(0, 1, 0, 0) : new SlaAttainment(1, 0, 0, 0);
                sla.merge(policy + "/" + clock.kind().wire(), outcome, SlaAttainment::plus);
            }
        }
        for (ConversationFacts.AlertMarker alert : facts.alerts()) {
            if (alert.warning() || alert.breach()) {
                sla.merge(policy + "/" + alert.clockKind(), new SlaAttainment(0, 0, alert.warning() ? 1 : 0, alert.breach() ? 1 : 0),
                        SlaAttainment::plus);
            }
        }
        return sla;
    }

    /** One pass over the log: replies, waits, solves and reopens. */
    private static final class Walk {
        Instant opening;
        boolean opened;
        Instant firstReply;
        Instant pendingSince;
        final List<Instant[]> nextWaits = new ArrayList<>();
        int replies;
        int repliesBeforeSolve;
        Instant solvedAt;
        boolean reopenedSoon;

        Walk(Instant openedAt) {
            this.opening = openedAt;
        }

        void apply(SlaEvent e) {
            Instant t = e.at();
            switch (e.type()) {
                case CUSTOMER_MESSAGE -> {
                    if (!opened) {
                        opened = true;
                        opening = t;
                        return;
                    }
                    reopen(t);
                    if (firstReply != null && pendingSince == null) {
                        pendingSince = t;
                    }
                }
                case AGENT_REPLIED -> {
                    replies++;
                    if (firstReply == null) {
                        firstReply = t;
                    } else if (pendingSince != null) {
                        nextWaits.add(new Instant[]{pendingSince, t});
                    }
                    pendingSince = null;
                }
                case SOLVED -> {
                    solvedAt = t;
                    repliesBeforeSolve = replies;
                }
                case REOPENED -> reopen(t);
                default -> {
                }
            }
        }

        private void reopen(Instant t) {
            if (solvedAt != null) {
                if (!t.isAfter(solvedAt.plus(REOPEN_WINDOW))) {
                    reopenedSoon = true;
                }
                solvedAt = null;
            }
        }
    }
}
