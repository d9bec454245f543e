package dev.promptly.core.outbox;

import java.util.Locale;

/** What an outgoing message is; {@link #wire()} is its name in storage and in the local outbox. */
public enum OutboxKind {
    ACK, WISMO, DELAY_NOTICE, SLA_ALERT, NOTE, BUDGET_ALERT, TEAM_COPY, HELPDESK_NOTE,
    /** The weekly KPI digest to the shop's team (docs/reports.md). */
    KPI_DIGEST,
    /** The satisfaction survey sent after a conversation is solved (docs/csat.md). */
    CSAT_SURVEY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
