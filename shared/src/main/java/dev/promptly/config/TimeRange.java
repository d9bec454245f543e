package dev.promptly.config;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Opening hours within one day, half-open {@code [start, end)}. An end at or before the start means the
 * range runs past midnight into the next day (e.g. {@code 22:00-02:00}).
 */
public record TimeRange(LocalTime start, LocalTime end) {
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a time range must not be empty");
        }
    }

    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** Parses {@code HH:mm-HH:mm}; {@code 24:00} stands for the end of the day. */
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
        return start + "-" + end;
    }
}
