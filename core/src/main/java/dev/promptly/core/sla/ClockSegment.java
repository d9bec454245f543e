package dev.promptly.core.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of a clock's life, half-open {@code [start, end)}: running (its time counts) or paused.
 *
 * @param end    null while the segment still lasts
 * @param reason what started it, e.g. {@code customer_message}, {@code waiting_on_customer}
 */
public record ClockSegment(Instant start, Instant end, boolean running, String reason) {
    public ClockSegment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(reason, "reason");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("a segment must not end before it starts");
        }
    }

    ClockSegment endingAt(Instant at) {
        return new ClockSegment(start, at, running, reason);
    }
}
