package dev.promptly.core.sla;

import static dev.promptly.core.sla.SlaFixtures.business;
import static dev.promptly.core.sla.SlaFixtures.event;
import static dev.promptly.core.sla.SlaFixtures.firstResponse;
import static dev.promptly.core.sla.SlaFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.message.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the clocks in Europe/Berlin, with start times sampled over 2026 (both daylight-saving
 * changes included) and a calendar with lunch breaks.
 */
class SlaClocksPropertyTest {
    private static final BusinessCalendar OFFICE = SlaFixtures.weekdays("09:00-12:00", "13:00-17:30");
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant sample(int minutes) {
        return YEAR_START.plus(Duration.ofMinutes(minutes));
    }

    @Property(tries = 300)
    void aLargerTargetNeverGivesAnEarlierDueTime(@ForAll @IntRange(min = 0, max = 525_000) int start,
                                                 @ForAll @IntRange(min = 1, max = 3_000) int minutes,
                                                 @ForAll @IntRange(min = 1, max = 600) int more) {
        Instant at = sample(start);
        var log = List.of(message(at));

        Instant due = new SlaClocks(firstResponse(business("PT" + minutes + "M")), OFFICE).evaluate(Channel.EMAIL, log, at)
                .clock("first_response").orElseThrow().dueAt();
        Instant later = new SlaClocks(firstResponse(business("PT" + (minutes + more) + "M")), OFFICE).evaluate(Channel.EMAIL, log, at)
                .clock("first_response").orElseThrow().dueAt();

        assertFalse(later.isBefore(due));
        assertTrue(OFFICE.isOpen(due.minusNanos(1)), "a deadline falls at the end of open time, never in a closure");
    }

    @Property(tries = 300)
    void aPauseNeverBringsTheDueTimeForwardAndKeepsTheBudget(@ForAll @IntRange(min = 0, max = 525_000) int start,
                                                            @ForAll @IntRange(min = 1, max = 600) int runFor,
                                                            @ForAll @IntRange(min = 1, max = 3_000) int pauseFor) {
        Instant at = sample(start);
        Instant pausedAt = at.plus(Duration.ofMinutes(runFor));
        Instant resumedAt = pausedAt.plus(Duration.ofMinutes(pauseFor));
        var clocks = new SlaClocks(firstResponse(business("PT4H")), OFFICE);

        var straight = clocks.evaluate(Channel.EMAIL, List.of(message(at)), at).clock("first_response").orElseThrow();
        var paused = clocks.evaluate(Channel.EMAIL, List.of(message(at), event(SlaEventType.WAITING_ON_CUSTOMER, pausedAt),
                message(resumedAt)), resumedAt).clock("first_response").orElseThrow();

        assertFalse(paused.dueAt().isBefore(straight.dueAt()));
        if (!paused.breached()) {
            assertEquals(Duration.ofHours(4), paused.elapsed().plus(paused.remaining()));
        }
    }
}
