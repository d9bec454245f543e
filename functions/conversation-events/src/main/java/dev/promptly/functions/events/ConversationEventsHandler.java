package dev.promptly.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /conversations/{id}/events}: a helpdesk or a person records what the team did (agent
 * replied, waiting on customer, solved, reopened, priority or tag change) with
 * {@code Authorization: Bearer <the shop's agent token>}; answers 200 with the conversation's clocks, or
 * 400/401/404/409 with {@code {"error": "..."}} and nothing changed. The same function serves the links of the
 * satisfaction survey a solve queues, {@code GET|POST /csat/{token}} ({@link CsatLinkHandler}).
 */
public final class ConversationEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** An event is a few fields; a tag list of 50 short tags stays far below this. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final AgentActivity activity;
    private final JsonLog log;
    private final CsatLinkHandler csat;

    public ConversationEventsHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public ConversationEventsHandler(Deployment d) {
        this(d.agentActivity(), d.log("conversation-events"), d.csatResponses(d.log("conversation-events")));
    }

    /** Without the survey routes (the benchmark's agent events only). */
    public ConversationEventsHandler(AgentActivity activity, JsonLog log) {
        this.activity = activity;
        this.log = log;
        this.csat = null;
    }

    public ConversationEventsHandler(AgentActivity activity, JsonLog log, dev.promptly.app.csat.CsatResponses csat) {
        this.activity = activity;
        this.log = log;
        this.csat = new CsatLinkHandler(csat);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.invocation(context == null ? null : context.getAwsRequestId());
        if (csat != null && CsatLinkHandler.handles(event)) {
            return csat.handle(event);
        }
        String shop = HttpRequests.header(event, AgentActivity.SHOP_HEADER);
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        try {
            var clocks = activity.record(shop, HttpRequests.header(event, "Authorization"), id, HttpRequests.rawBody(event, MAX_BODY_BYTES));
            log.info("conversation.event", Map.of("shop", clocks.get("shop").asText(), "conversationId", clocks.get("conversation_id").asText(),
                    "status", clocks.get("status").asText()));
            return HttpResponses.json(200, clocks);
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "conversation.event_rejected", shop, e);
        }
    }

    /**
     * SnapStart: the clocks of a short log and one read, then a refused request (no token) and a refused survey link
     * (not a token); nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        activity.prime();
        handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("id", "PR-0000000000"))
                .withHeaders(Map.of()).withBody("{\"type\":\"agent_replied\"}").withIsBase64Encoded(false).build(), null);
        if (csat != null) {
            handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of(CsatLinkHandler.TOKEN, "priming.priming"))
                    .withHeaders(Map.of()).build(), null);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
