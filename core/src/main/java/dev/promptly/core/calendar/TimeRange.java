package dev.promptly.core.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Opening hours within one day, as local wall-clock times, half-open {@code [start, end)}.
 *
 * <p>An end at or before the start means the range runs past midnight into the next day
 * ({@code 22:00-02:00}); such a range belongs to the day it starts on. An end of {@link LocalTime#MIDNIGHT}
 * ({@code 24:00} when parsed) is the end of the start day, so {@code 00:00-24:00} is the whole day. Apart
 * from that whole day, equal start and end are refused as empty. Turning the times into instants (and
 * daylight-saving) is {@link BusinessCalendar}'s job. Immutable and thread-safe.
 *
 * @param start first open minute, inclusive
 * @param end   first closed minute, exclusive; on the next day when at or before {@code start}
 */
public record TimeRange(LocalTime start, LocalTime end) {
    /**
     * @throws IllegalArgumentException if start equals end, except {@code 00:00-24:00}
     */
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end) && !start.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("a time range must not be empty");
        }
    }

    /** The whole day, {@code 00:00-24:00}. */
    public static TimeRange wholeDay() {
        return new TimeRange(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    }

    /** True when the range ends on the next day (including an end of {@code 24:00}). */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /**
     * Parses {@code HH:mm-HH:mm}; {@code 24:00} stands for the end of the day.
     *
     * @throws IllegalArgumentException if the text is not two times joined by {@code -}, or the range is empty
     * @throws java.time.format.DateTimeParseException if a time cannot be read
     */
    public static TimeRange parse(String raw) {
        String[] parts = raw == null ? new String[0] : raw.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must look like 09:00-18:00");
        }
        LocalTime start = LocalTime.parse(parts[0].trim());
        String endText = parts[1].trim();
        LocalTime end = endText.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(endText);
        return new TimeRange(start, end);
    }

    @Override
    public String toString() {
        return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
