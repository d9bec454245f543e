package dev.promptly.core.kpi;

import dev.promptly.core.message.Channel;
import dev.promptly.core.sla.SlaEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the KPIs need to know of one conversation: its slice, its opening, its SLA event log, the alert stages
 * recorded for it and its satisfaction survey. No personal data.
 *
 * @param language     the reply language, or null when not known
 * @param intent       the opening message's intent wire name, or null
 * @param wismoReply   {@code answered} / {@code ask_reference} when the acknowledgement met a WISMO question, else null
 * @param openedAt     when the conversation was opened; it counts on this day in the shop's zone
 * @param alerts       the alert stages recorded ({@code SLAALERT#…}), sent or held for a digest
 * @param surveySentAt when a satisfaction survey was queued for it, if one was
 * @param rating       the survey's rating (1–5), once given
 */
public record ConversationFacts(Channel channel, String language, String intent, String wismoReply, Instant openedAt,
                                List<SlaEvent> events, List<AlertMarker> alerts, Optional<Instant> surveySentAt, OptionalInt rating) {
    public ConversationFacts {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(openedAt, "openedAt");
        events = List.copyOf(events);
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(surveySentAt, "surveySentAt");
        Objects.requireNonNull(rating, "rating");
    }

    /** The slice the conversation counts in. */
    public KpiSlice slice() {
        return new KpiSlice(channel.wire(), language, intent);
    }

    /**
     * An alert stage recorded for one of the conversation's clocks.
     *
     * @param clockId  {@code first_response}, {@code next_response-2}, {@code resolution} (see {@code ClockReport#id})
     * @param stageKey {@code warning-PT15M}, {@code breach}, {@code escalation-PT1H} (see {@code AlertStage#key})
     */
    public record AlertMarker(String clockId, String stageKey) {
        public AlertMarker {
            Objects.requireNonNull(clockId, "clockId");
            Objects.requireNonNull(stageKey, "stageKey");
        }

        /** The clock kind's wire name: the clock id without its cycle number. */
        public String clockKind() {
            int dash = clockId.indexOf('-');
            return dash < 0 ? clockId : clockId.substring(0, dash);
        }

        public boolean warning() {
            return stageKey.startsWith("warning");
        }

        public boolean breach() {
            return stageKey.equals("breach");
        }
    }
}
