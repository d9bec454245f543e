package dev.promptly.core.sla;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives a conversation's clocks from its event log — no stored counters, so the same log always gives
 * the same clocks, and a changed calendar or policy applies to the whole history at once.
 *
 * <p>Rules, over the events ordered by time (ties keep the log's order), ignoring those after the moment
 * asked about:
 * <ul>
 *   <li>The first customer message opens the conversation and starts first response and resolution.</li>
 *   <li>Clocks run while the conversation is open; they pause while it waits on the customer and stop while
 *       it is solved. A customer message, or {@code reopened}, makes it open again.</li>
 *   <li>{@code agent_replied} meets first response and the running next-response cycle. An automatic reply
 *       never does. After the first team reply, each customer message that finds no next-response cycle
 *       running starts one; messages while one runs do not move it (writing again must not buy the team
 *       time).</li>
 *   <li>Resolution is met while the conversation is solved; reopening resumes it with its time so far.</li>
 *   <li>Policies are evaluated at the first customer message and again on each priority or tag change until
 *       the first team reply; after that the policy stays. The policy in effect sets the targets of all
 *       clocks, over their whole history.</li>
 *   <li>Business-time targets count only the calendar's open time inside running segments; calendar-time
 *       targets count all of it.</li>
 * </ul>
 * Immutable and thread-safe; reads no clock.
 */
public final class SlaClocks {
    private final SlaPolicies policies;
    private final BusinessCalendar calendar;

    public SlaClocks(SlaPolicies policies, BusinessCalendar calendar) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The clocks of a conversation on {@code channel} with event log {@code log}, as they stand at {@code at}. */
    public SlaReport evaluate(Channel channel, List<SlaEvent> log, Instant at) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        List<SlaEvent> events = new ArrayList<>(log);
        events.sort(Comparator.comparing(SlaEvent::at));
        Walk walk = new Walk(SlaFacts.of(channel));
        for (SlaEvent event : events) {
            if (event.at().isAfter(at)) {
                break;
            }
            walk.apply(event);
        }
        List<ClockReport> clocks = new ArrayList<>();
        walk.policy.ifPresent(match -> {
            for (Clock clock : walk.clocks()) {
                match.policy().target(clock.kind).ifPresent(target -> clocks.add(clock.report(target, walk, at)));
            }
        });
        return new SlaReport(at, walk.status, walk.facts, walk.policy, walk.decisions, calendar.zone(), clocks, walk.notes);
    }

    /** The state of the walk over the log. */
    private final class Walk {
        SlaFacts facts;
        ConversationStatus status;
        Optional<SlaPolicies.PolicyMatch> policy = Optional.empty();
        final List<SlaReport.PolicyDecision> decisions = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        Clock first;
        Clock resolution;
        final List<Clock> next = new ArrayList<>();
        Instant firstReply;
        Instant solvedAt;

        Walk(SlaFacts facts) {
            this.facts = facts;
        }

        List<Clock> clocks() {
            List<Clock> all = new ArrayList<>();
            if (first != null) {
                all.add(first);
            }
            if (!next.isEmpty()) {
                all.add(next.get(next.size() - 1));
            }
            if (resolution != null) {
                all.add(resolution);
            }
            return all;
        }

        void apply(SlaEvent e) {
            Instant t = e.at();
            String reason = e.type().wire();
            switch (e.type()) {
                case CUSTOMER_MESSAGE -> {
                    BigDecimal value = e.orderValue() != null ? e.orderValue() : facts.orderValue();
                    Set<String> customerTags = new TreeSet<>(facts.customerTags());
                    if (e.customerTags() != null) {
                        customerTags.addAll(e.customerTags());
                    }
                    facts = new SlaFacts(facts.channel(), facts.priority(), facts.tags(), value, customerTags);
                    if (status == null) {
                        status = ConversationStatus.OPEN;
                        decide(t, "first customer message");
                        first = new Clock(SlaClockKind.FIRST_RESPONSE, 1, t, reason);
                        resolution = new Clock(SlaClockKind.RESOLUTION, 1, t, reason);
                        return;
                    }
                    status = ConversationStatus.OPEN;
                    solvedAt = null;
                    Clock current = next.isEmpty() ? null : next.get(next.size() - 1);
                    if (firstReply != null && (current == null || current.satisfiedAt != null)) {
                        next.add(new Clock(SlaClockKind.NEXT_RESPONSE, next.size() + 1, t, reason));
                    }
                }
                case AUTO_REPLY -> notes.add("automatic reply at " + t + " does not satisfy a response target");
                case AGENT_REPLIED -> {
                    if (first != null && first.satisfiedAt == null) {
                        first.satisfy(t);
                        firstReply = t;
                    }
                    if (!next.isEmpty() && next.get(next.size() - 1).satisfiedAt == null) {
                        next.get(next.size() - 1).satisfy(t);
                    }
                }
                case WAITING_ON_CUSTOMER -> status = status == null ? null : ConversationStatus.WAITING_ON_CUSTOMER;
                case SOLVED -> {
                    if (status != null) {
                        status = ConversationStatus.SOLVED;
                        solvedAt = t;
                    }
                }
                case REOPENED -> {
                    if (status != null) {
                        status = ConversationStatus.OPEN;
                        solvedAt = null;
                    }
                }
                case PRIORITY_CHANGED -> {
                    facts = new SlaFacts(facts.channel(), e.priority(), facts.tags(), facts.orderValue(), facts.customerTags());
                    if (status != null && firstReply == null) {
                        decide(t, "priority changed to " + e.priority().wire());
                    }
                }
                case TAGS_CHANGED -> {
                    facts = new SlaFacts(facts.channel(), facts.priority(), e.tags(), facts.orderValue(), facts.customerTags());
                    if (status != null && firstReply == null) {
                        decide(t, "tags changed to [" + String.join(", ", e.tags()) + "]");
                    }
                }
            }
            if (status != null) {
                boolean running = status == ConversationStatus.OPEN;
                for (Clock clock : clocks()) {
                    clock.mark(t, running, reason);
                }
            }
        }

        void decide(Instant t, String trigger) {
            policy = policies.match(facts);
            decisions.add(new SlaReport.PolicyDecision(t, trigger, policy));
        }
    }

    /** One clock being built: its segments so far. */
    private final class Clock {
        final SlaClockKind kind;
        final int cycle;
        final Instant started;
        final List<ClockSegment> segments = new ArrayList<>();
        Instant satisfiedAt;

        Clock(SlaClockKind kind, int cycle, Instant started, String reason) {
            this.kind = kind;
            this.cycle = cycle;
            this.started = started;
            segments.add(new ClockSegment(started, null, true, reason));
        }

        void mark(Instant t, boolean running, String reason) {
            if (satisfiedAt != null) {
                return;
            }
            ClockSegment last = segments.get(segments.size() - 1);
            if (last.running() != running) {
                segments.set(segments.size() - 1, last.endingAt(t));
                segments.add(new ClockSegment(t, null, running, reason));
            }
        }

        void satisfy(Instant t) {
            ClockSegment last = segments.get(segments.size() - 1);
            segments.set(segments.size() - 1, last.endingAt(t));
            satisfiedAt = t;
        }

        ClockReport report(SlaTarget target, Walk walk, Instant at) {
            Duration budget = target.budget();
            Duration used = Duration.ZERO;
            Instant breachedAt = null;
            for (ClockSegment segment : segments) {
                Instant end = segment.end() != null ? segment.end() : at;
                if (!segment.running() || !end.isAfter(segment.start())) {
                    continue;
                }
                Duration piece = measure(target.basis(), segment.start(), end);
                if (breachedAt == null && used.plus(piece).compareTo(budget) >= 0) {
                    breachedAt = locate(target.basis(), segment.start(), budget.minus(used));
                }
                used = used.plus(piece);
            }
            Duration remaining = used.compareTo(budget) >= 0 ? Duration.ZERO : budget.minus(used);
            ClockState state;
            Instant satisfied = satisfiedAt;
            if (satisfiedAt != null) {
                state = ClockState.SATISFIED;
            } else if (walk.status == ConversationStatus.SOLVED) {
                state = kind == SlaClockKind.RESOLUTION ? ClockState.SATISFIED : ClockState.STOPPED;
                satisfied = kind == SlaClockKind.RESOLUTION ? walk.solvedAt : null;
            } else if (walk.status == ConversationStatus.OPEN) {
                state = ClockState.RUNNING;
            } else {
                state = ClockState.PAUSED;
            }
            Instant due = null;
            if (state == ClockState.RUNNING) {
                due = breachedAt != null ? breachedAt : locate(target.basis(), at, remaining);
            }
            return new ClockReport(kind, cycle, target, state, started, segments, used, remaining, due, breachedAt, satisfied);
        }
    }

    private Duration measure(TimeBasis basis, Instant from, Instant to) {
        return basis == TimeBasis.BUSINESS ? calendar.businessTimeBetween(from, to) : Duration.between(from, to);
    }

    /** The instant at which {@code amount} (> 0) of counted time has passed from {@code from}. */
    private Instant locate(TimeBasis basis, Instant from, Duration amount) {
        return basis == TimeBasis.BUSINESS ? calendar.addBusinessTime(from, amount) : from.plus(amount);
    }
}
