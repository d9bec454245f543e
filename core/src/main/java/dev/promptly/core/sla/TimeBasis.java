package dev.promptly.core.sla;

import java.util.Optional;

/** How a target's time is counted: open time of the shop's business calendar, or every hour of the day. */
public enum TimeBasis {
    BUSINESS, CALENDAR;

    public String wire() {
        return WireNames.of(this);
    }

    public static Optional<TimeBasis> fromWire(String value) {
        return WireNames.parse(TimeBasis.class, value);
    }
}
