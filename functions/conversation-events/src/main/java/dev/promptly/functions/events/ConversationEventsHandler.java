package dev.promptly.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.report.KpiReport;
import dev.promptly.app.report.KpiReportCsv;
import dev.promptly.app.report.KpiReportJson;
import dev.promptly.app.report.KpiReports;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.ConversationWiring;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.KpiWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The routes a helpdesk or a person calls with {@code Authorization: Bearer <the shop's agent token>}:
 * <ul>
 *   <li>{@code POST /conversations/{id}/events}: records what the team did (agent replied, waiting on customer,
 *       solved, reopened, priority or tag change); answers 200 with the conversation's clocks, or 400/401/404/409
 *       with {@code {"error": "..."}} and nothing changed.</li>
 *   <li>{@code GET /reports/{shop}?from=&to=&group=day|week} (docs/reports.md): the shop's KPIs as JSON, or as CSV
 *       with {@code Accept: text/csv}; 400/401 with {@code {"error": "..."}}.</li>
 * </ul>
 * The route is told by its path parameter ({@code shop} for reports, {@code id} for events).
 * The same function serves the links of the satisfaction survey a solve queues, {@code GET|POST /csat/{token}}
 * ({@link CsatLinkHandler}), which take no token: the link is signed.
 */
public final class ConversationEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    /** An event is a few fields; a tag list of 50 short tags stays far below this. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final AgentActivity activity;
    /** Null where a caller wires the events alone (the benchmark): reports are then not served. */
    private final KpiReports reports;
    private final JsonLog log;
    private final CsatLinkHandler csat;

    public ConversationEventsHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public ConversationEventsHandler(Deployment d) {
        this(ConversationWiring.agentActivity(d), KpiWiring.kpiReports(d), d.log("conversation-events"),
                ConversationWiring.csatResponses(d, d.log("conversation-events")));
    }

    /** The events route alone (the benchmark's agent events). */
    public ConversationEventsHandler(AgentActivity activity, JsonLog log) {
        this(activity, null, log);
    }

    public ConversationEventsHandler(AgentActivity activity, KpiReports reports, JsonLog log) {
        this(activity, reports, log, null);
    }

    /** The events route and the survey links, without reports. */
    public ConversationEventsHandler(AgentActivity activity, JsonLog log, dev.promptly.app.csat.CsatResponses csat) {
        this(activity, null, log, csat);
    }

    /** Null {@code reports} or {@code csat}: that route is not served here. */
    public ConversationEventsHandler(AgentActivity activity, KpiReports reports, JsonLog log, dev.promptly.app.csat.CsatResponses csat) {
        this.activity = activity;
        this.reports = reports;
        this.log = log;
        this.csat = csat == null ? null : new CsatLinkHandler(csat);
    }

    /**
     * What Lambda calls: of the two {@code handleRequest} methods, the runtime picks this one for template.yaml's
     * {@code ::handleRequest} (it prefers the longest signature, an {@code (InputStream, OutputStream, Context)}
     * one first). The event is read and the answer written by {@link HttpEventCodec} with our own Jackson, so the
     * runtime's serialisation library stays out of the cold start; the typed method below does the work.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpEventCodec.serve(input, output, context, log, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.invocation(context == null ? null : context.getAwsRequestId());
        if (csat != null && CsatLinkHandler.handles(event)) {
            return csat.handle(event);
        }
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        if (path.containsKey("shop") && reports != null) {
            return report(event, path.get("shop"));
        }
        String shop = HttpRequests.header(event, AgentActivity.SHOP_HEADER);
        String id = path.get("id");
        try {
            var clocks = activity.record(shop, HttpRequests.header(event, "Authorization"), id, HttpRequests.rawBody(event, MAX_BODY_BYTES));
            log.info("conversation.event", Map.of("shop", clocks.get("shop").asText(), "conversationId", clocks.get("conversation_id").asText(),
                    "status", clocks.get("status").asText()));
            return HttpResponses.json(200, clocks);
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "conversation.event_rejected", shop, e);
        }
    }

    private APIGatewayV2HTTPResponse report(APIGatewayV2HTTPEvent event, String shop) {
        try {
            KpiReport report = reports.report(shop, HttpRequests.header(event, "Authorization"), event.getQueryStringParameters());
            String accept = HttpRequests.header(event, "Accept");
            boolean csv = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("shop", report.shop());
            fields.put("from", report.query().from());
            fields.put("to", report.query().to());
            fields.put("group", report.query().grouping().wire());
            fields.put("periods", report.periods().size());
            fields.put("format", csv ? "csv" : "json");
            log.info("report.served", fields);
            return csv ? HttpResponses.text(200, KpiReportCsv.CONTENT_TYPE, KpiReportCsv.of(report))
                    : HttpResponses.json(200, KpiReportJson.of(report));
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "report.rejected", shop, e);
        }
    }

    /**
     * SnapStart: the clocks of a short log and one read, then a refused request (no token), a report over no
     * stored days, a refused report request and a refused survey link (not a token); nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        activity.prime();
        handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("id", "PR-0000000000"))
                .withHeaders(Map.of()).withBody("{\"type\":\"agent_replied\"}").withIsBase64Encoded(false).build(), null);
        if (csat != null) {
            handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of(CsatLinkHandler.TOKEN, "priming.priming"))
                    .withHeaders(Map.of()).build(), null);
        }
        if (reports != null) {
            reports.prime();
            handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", "priming.invalid")).withHeaders(Map.of())
                    .withQueryStringParameters(Map.of("from", "2026-01-05", "to", "2026-01-11")).build(), null);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
