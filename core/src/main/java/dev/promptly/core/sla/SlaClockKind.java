package dev.promptly.core.sla;

import java.util.Optional;

/**
 * The service clocks of a conversation. {@link #FIRST_RESPONSE} runs from the first customer message to
 * the team's first reply; {@link #NEXT_RESPONSE} from the first customer message after a team reply to the
 * next team reply (one cycle per such message); {@link #RESOLUTION} from the first customer message until
 * the conversation is solved. {@link #wire()} is the name in configuration, storage and JSON.
 */
public enum SlaClockKind {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION;

    public String wire() {
        return WireNames.of(this);
    }

    public static Optional<SlaClockKind> fromWire(String value) {
        return WireNames.parse(SlaClockKind.class, value);
    }
}
