package dev.promptly.wiring;

import dev.promptly.app.helpdesk.HelpdeskWebhooks;
import dev.promptly.log.JsonLog;

/** What the helpdesks (Zendesk, Help Scout) tell Promptly. */
public final class HelpdeskWiring {
    private HelpdeskWiring() {
    }

    /** {@code POST /helpdesks/{vendor}/{shop}}: the intake, the clocks and the ticket links over the helpdesk connectors. */
    public static HelpdeskWebhooks helpdeskWebhooks(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new HelpdeskWebhooks(IntakeWiring.messageIntake(d, log), ConversationWiring.agentActivity(d), stores.conversations(),
                stores.slas(), stores.helpdeskLinks(), d.secrets(), d.helpdeskConnectors(), d.clock(), log);
    }
}
