package dev.promptly.wiring;

import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.log.JsonLog;

/** The scheduled SLA monitor. */
public final class SlaWiring {
    private SlaWiring() {
    }

    /** The monitor's alerts go out through the outbox, formatted for Slack where a target is one. */
    public static SlaMonitor slaMonitor(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new SlaMonitor(d.config(), stores.conversations(), stores.slas(), new SlackAlertFormat(), d.clock(), log, stores.helpdeskLinks());
    }
}
