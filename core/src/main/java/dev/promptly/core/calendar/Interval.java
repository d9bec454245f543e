package dev.promptly.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A non-empty span of time, half-open {@code [start, end)}: {@code start} is inside, {@code end} is not.
 *
 * @param start inclusive
 * @param end   exclusive, after {@code start}
 */
public record Interval(Instant start, Instant end) {
    /**
     * @throws IllegalArgumentException if {@code end} is not after {@code start}
     */
    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval must end after it starts");
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** True if {@code at} is in {@code [start, end)}. */
    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
