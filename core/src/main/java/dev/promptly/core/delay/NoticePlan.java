package dev.promptly.core.delay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the delay scan does for one order in one run, as decided by {@link NoticePlanner}.
 *
 * @param notices     the notices to send now, first notices before repeats; empty when nothing is new,
 *                    or when they are held for the send window
 * @param heldUntil   when notices exist but the recipient's send window is closed: the instant it opens;
 *                    else null
 * @param nextCheckAt when the scan should look at the order again; null: never by time (only a webhook
 *                    can change anything)
 */
public record NoticePlan(List<PlannedNotice> notices, Instant heldUntil, Instant nextCheckAt) {
    /** Nothing to send, nothing to check again. */
    public static final NoticePlan NOTHING = new NoticePlan(List.of(), null, null);

    public NoticePlan {
        notices = List.copyOf(notices);
        if (heldUntil != null && !notices.isEmpty()) {
            throw new IllegalArgumentException("held notices are not sent in the same run");
        }
    }

    /**
     * One notice to send.
     *
     * @param delay  the delay it tells of
     * @param repeat whether it is the one follow-up allowed after the first notice of that delay
     */
    public record PlannedNotice(Delay delay, boolean repeat) {
        public PlannedNotice {
            Objects.requireNonNull(delay, "delay");
        }

        /** The business identity written with {@code attribute_not_exists}: {@link Delay#key()} or {@link Delay#repeatKey()}. */
        public String key() {
            return repeat ? delay.repeatKey() : delay.key();
        }
    }
}
