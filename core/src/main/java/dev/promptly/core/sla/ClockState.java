package dev.promptly.core.sla;

import java.util.Locale;

/**
 * Where a clock stands: {@link #RUNNING} while the conversation is open; {@link #PAUSED} while it waits on
 * the customer; {@link #SATISFIED} once its target was met (late or not — see the report's breach);
 * {@link #STOPPED} while the conversation is solved without the target being met (a reply clock that
 * nobody needs any more, until the customer writes again).
 */
public enum ClockState {
    RUNNING, PAUSED, SATISFIED, STOPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
