package dev.promptly.core.reply;

import dev.promptly.core.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the team will have answered: the first-response target counted in the shop's business hours from
 * the moment the message arrived. {@code openNow} tells which wording fits; {@code nextOpening} is when
 * the team is next at work ({@code receivedAt} itself while open).
 */
public record ReplyPromise(Instant due, boolean openNow, Instant nextOpening) {
    public ReplyPromise {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(nextOpening, "nextOpening");
    }

    public static ReplyPromise compute(BusinessCalendar calendar, Instant receivedAt, Duration firstResponseTarget) {
        return new ReplyPromise(calendar.addBusinessTime(receivedAt, firstResponseTarget), calendar.isOpen(receivedAt),
                calendar.nextOpening(receivedAt));
    }
}
