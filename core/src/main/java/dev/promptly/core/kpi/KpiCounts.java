package dev.promptly.core.kpi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a shop's customer service achieved in some slice of some period; counts add up, so days make weeks.
 *
 * @param conversations      conversations opened
 * @param firstResponse      time from the opening message to the team's first reply
 * @param nextResponse       time from a later customer message to the team's next reply
 * @param resolution         time from opening to solved
 * @param sla                per {@code <policy>/<clock>} (clock: {@code first_response}, {@code next_response},
 *                           {@code resolution}), how its targets fared
 * @param solved             conversations solved whose 7-day reopen window has passed (decided for first-contact resolution)
 * @param solvedFirstContact of those, solved after at most one team reply and not reopened within 7 days
 * @param automated          conversations answered by Promptly alone: a WISMO answer or acknowledgement after which
 *                           the customer did not write again within 72 hours and no agent replied
 * @param wismoAnswers       acknowledgements that answered "where is my order?" with order details
 * @param wismoAsks          acknowledgements that asked for the order number instead
 * @param delayNotices       delay notices sent
 * @param contactsPrevented  of those, notices after which the customer did not write about that order within 7 days
 * @param contactsAnyway     notices after which the customer wrote about that order within 7 days anyway
 * @param csat               surveys sent and ratings received
 * @param automationDecided  conversations whose automation is decided (72 hours after the automatic reply, or
 *                           earlier once the customer wrote again or the team replied): the automation rate's base
 */
public record KpiCounts(long conversations, ResponseTimes firstResponse, ResponseTimes nextResponse, ResponseTimes resolution,
                        Map<String, SlaAttainment> sla, long solved, long solvedFirstContact, long automated, long wismoAnswers,
                        long wismoAsks, long delayNotices, long contactsPrevented, long contactsAnyway, CsatTally csat,
                        long automationDecided) {
    public static final KpiCounts NONE = new KpiCounts(0, ResponseTimes.NONE, ResponseTimes.NONE, ResponseTimes.NONE, Map.of(),
            0, 0, 0, 0, 0, 0, 0, 0, CsatTally.NONE, 0);

    public KpiCounts {
        Objects.requireNonNull(firstResponse, "firstResponse");
        Objects.requireNonNull(nextResponse, "nextResponse");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(csat, "csat");
        sla = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sla));
        if (conversations < 0 || solved < 0 || solvedFirstContact < 0 || automated < 0 || wismoAnswers < 0 || wismoAsks < 0
                || delayNotices < 0 || contactsPrevented < 0 || contactsAnyway < 0 || automationDecided < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Counts whose conversations' automation is all decided (days past their windows, fixtures). */
    public KpiCounts(long conversations, ResponseTimes firstResponse, ResponseTimes nextResponse, ResponseTimes resolution,
                     Map<String, SlaAttainment> sla, long solved, long solvedFirstContact, long automated, long wismoAnswers,
                     long wismoAsks, long delayNotices, long contactsPrevented, long contactsAnyway, CsatTally csat) {
        this(conversations, firstResponse, nextResponse, resolution, sla, solved, solvedFirstContact, automated, wismoAnswers, wismoAsks,
                delayNotices, contactsPrevented, contactsAnyway, csat, conversations);
    }

    public KpiCounts plus(KpiCounts o) {
        Map<String, SlaAttainment> slaSum = new TreeMap<>(sla);
        o.sla.forEach((key, value) -> slaSum.merge(key, value, SlaAttainment::plus));
        return new KpiCounts(conversations + o.conversations, firstResponse.plus(o.firstResponse), nextResponse.plus(o.nextResponse),
                resolution.plus(o.resolution), slaSum, solved + o.solved, solvedFirstContact + o.solvedFirstContact,
                automated + o.automated, wismoAnswers + o.wismoAnswers, wismoAsks + o.wismoAsks, delayNotices + o.delayNotices,
                contactsPrevented + o.contactsPrevented, contactsAnyway + o.contactsAnyway, csat.plus(o.csat),
                automationDecided + o.automationDecided);
    }

    /** Solved conversations that were solved at first contact, 0..1; NaN when none was solved. */
    public double firstContactResolutionRate() {
        return solved == 0 ? Double.NaN : (double) solvedFirstContact / solved;
    }

    /** Conversations Promptly answered alone, of those whose automation is decided, 0..1; NaN when none is. */
    public double automationRate() {
        return automationDecided == 0 ? Double.NaN : (double) automated / automationDecided;
    }

    /** Delay notices that prevented a contact, of those whose 7 days are over, 0..1; NaN when none is. */
    public double preventionRate() {
        long settled = contactsPrevented + contactsAnyway;
        return settled == 0 ? Double.NaN : (double) contactsPrevented / settled;
    }

    /** All policies' targets of one clock ({@code first_response}, {@code next_response}, {@code resolution}) together. */
    public SlaAttainment slaOf(String clock) {
        return sla.entrySet().stream().filter(e -> e.getKey().endsWith("/" + clock)).map(Map.Entry::getValue)
                .reduce(SlaAttainment.NONE, SlaAttainment::plus);
    }
}
