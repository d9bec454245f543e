package dev.promptly.core.delay;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an order's {@link DelayAssessment} into what to send now, given the notices already recorded
 * for it. Pure: the notices recorded so far and every instant are passed in. Stateless and thread-safe.
 *
 * <p>Each delay gets one first notice, ever; while it lasts, one repeat after
 * {@link DelayPolicy#repeatAllowedAt} of the first. Notices due outside the recipient's send window are
 * not sent but held: the order is checked again when the window opens and assessed afresh then, so a
 * late order that ships in the night gets no notice in the morning.
 */
public final class NoticePlanner {

    /**
     * @param sentAt        the notices recorded for this order so far: key ({@link Delay#key()} or
     *                      {@link Delay#repeatKey()}) to the instant it was decided
     * @param recipientZone the zone whose local hours the send window is read in
     */
    public NoticePlan plan(DelayAssessment assessment, DelayPolicy policy, Map<String, Instant> sentAt,
                           ZoneId recipientZone, Instant now) {
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(recipientZone, "recipientZone");
        Objects.requireNonNull(now, "now");
        if (!assessment.notifiable()) {
            return NoticePlan.NOTHING;
        }
        List<NoticePlan.PlannedNotice> firsts = new ArrayList<>();
        List<NoticePlan.PlannedNotice> repeats = new ArrayList<>();
        Instant next = assessment.nextCheckAt();
        for (Delay delay : assessment.delays()) {
            Instant first = sentAt.get(delay.key());
            if (first == null) {
                firsts.add(new NoticePlan.PlannedNotice(delay, false));
            } else if (!sentAt.containsKey(delay.repeatKey())) {
                Instant repeatAt = policy.repeatAllowedAt(first);
                if (repeatAt.isAfter(now)) {
                    next = earlier(next, repeatAt);
                } else {
                    repeats.add(new NoticePlan.PlannedNotice(delay, true));
                }
            }
        }
        List<NoticePlan.PlannedNotice> due = new ArrayList<>(firsts);
        due.addAll(repeats);
        if (due.isEmpty()) {
            return new NoticePlan(List.of(), null, next);
        }
        Instant opens = policy.sendWindow().nextSendableAt(now, recipientZone);
        if (opens.isAfter(now)) {
            return new NoticePlan(List.of(), opens, earlier(next, opens));
        }
        if (!firsts.isEmpty()) {
            // A delay that outlasts its first notice is looked at again when its repeat may go out.
            next = earlier(next, policy.repeatAllowedAt(now));
        }
        return new NoticePlan(due, null, next);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
