package dev.promptly.core.sla;

import java.util.Optional;

/**
 * What happened in a conversation, as far as its clocks care. {@link #CUSTOMER_MESSAGE} and
 * {@link #AUTO_REPLY} are recorded by the message intake; the others come from the team through the agent
 * activity endpoint. An automatic reply is recorded for the explanation but never satisfies a target.
 */
public enum SlaEventType {
    CUSTOMER_MESSAGE, AUTO_REPLY, AGENT_REPLIED, WAITING_ON_CUSTOMER, SOLVED, REOPENED, PRIORITY_CHANGED, TAGS_CHANGED;

    public String wire() {
        return WireNames.of(this);
    }

    public static Optional<SlaEventType> fromWire(String value) {
        return WireNames.parse(SlaEventType.class, value);
    }

    /** The types the agent activity endpoint accepts. */
    public boolean fromTeam() {
        return this != CUSTOMER_MESSAGE && this != AUTO_REPLY;
    }
}
