package dev.promptly.core.shopify;

import java.time.Instant;
import java.util.Objects;

/**
 * A carrier tracking event reported through {@code fulfillment_events/create}, e.g. {@code in_transit},
 * {@code out_for_delivery}, {@code delivered}, {@code failure}. Only the status, time and carrier message
 * are kept: the event's address fields describe where the customer lives.
 */
public record TrackingEvent(String eventId, String status, Instant happenedAt, String message) {
    public TrackingEvent {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(happenedAt, "happenedAt");
    }

    /** Whether this event happened after {@code other}; ties go to the higher event id. */
    public boolean isAfter(TrackingEvent other) {
        if (other == null) {
            return true;
        }
        int byTime = happenedAt.compareTo(other.happenedAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        return Objects.toString(eventId, "").compareTo(Objects.toString(other.eventId, "")) >= 0;
    }
}
