package dev.promptly.core.kpi;

import java.time.Duration;
import java.util.Objects;

/** Durations of one kind (first response, next response, resolution), in calendar time and in business time. */
public record ResponseTimes(DurationHistogram calendar, DurationHistogram business) {
    public static final ResponseTimes NONE = new ResponseTimes(DurationHistogram.EMPTY, DurationHistogram.EMPTY);

    public ResponseTimes {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(business, "business");
    }

    public ResponseTimes with(Duration calendarTime, Duration businessTime) {
        return new ResponseTimes(calendar.with(calendarTime), business.with(businessTime));
    }

    public ResponseTimes plus(ResponseTimes other) {
        return new ResponseTimes(calendar.plus(other.calendar), business.plus(other.business));
    }
}
