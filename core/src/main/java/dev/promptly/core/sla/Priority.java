package dev.promptly.core.sla;

import java.util.Optional;

/** A conversation's priority as the team sets it; {@link #NORMAL} until someone changes it. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String wire() {
        return WireNames.of(this);
    }

    public static Optional<Priority> fromWire(String value) {
        return WireNames.parse(Priority.class, value);
    }
}
