package dev.promptly.wiring;

import dev.promptly.app.csat.CsatResponses;
import dev.promptly.app.csat.CsatSurveys;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.log.JsonLog;

/** The team's work on conversations: their events and SLA views, and the satisfaction surveys a solve queues. */
public final class ConversationWiring {
    private ConversationWiring() {
    }

    /** {@code POST /conversations/{id}/events} and the SLA views; a solve queues the satisfaction survey. */
    public static AgentActivity agentActivity(Deployment d) {
        Stores stores = Stores.of(d);
        return new AgentActivity(d.config(), d.secrets(), stores.conversations(), stores.slas(), d.clock(), csatSurveys(d, d.log("csat")));
    }

    /** The satisfaction surveys queued when conversations are solved (docs/csat.md). */
    public static CsatSurveys csatSurveys(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new CsatSurveys(d.config(), d.secrets(), stores.conversations(), stores.surveys(), d.clock(), log);
    }

    /** {@code GET|POST /csat/{token}}: a survey link's rating and the comment after it. */
    public static CsatResponses csatResponses(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new CsatResponses(d.config(), d.secrets(), stores.conversations(), stores.surveys(), d.clock(), log);
    }
}
