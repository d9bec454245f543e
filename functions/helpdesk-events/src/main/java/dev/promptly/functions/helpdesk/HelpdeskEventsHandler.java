package dev.promptly.functions.helpdesk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskWebhooks;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.HelpdeskWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /helpdesks/{vendor}/{shop}}: a helpdesk's webhook (Gorgias, Zendesk, Freshdesk, Help Scout),
 * verified as the vendor signs it; answers 200 with what each event did ({@code events}) and the linked
 * conversations ({@code conversation_ids}), or 400/401/404/413 with
 * {@code {"error": "..."}} and nothing changed. An unexpected failure answers 500, so the vendor retries.
 */
public final class HelpdeskEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    /** Help Scout sends the whole conversation object with its threads; a long thread stays below this. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HelpdeskWebhooks webhooks;
    private final JsonLog log;

    public HelpdeskEventsHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public HelpdeskEventsHandler(Deployment d) {
        this(HelpdeskWiring.helpdeskWebhooks(d, d.log("helpdesk-events")), d.log("helpdesk-events"));
    }

    public HelpdeskEventsHandler(HelpdeskWebhooks webhooks, JsonLog log) {
        this.webhooks = webhooks;
        this.log = log;
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
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String shop = path.get("shop");
        try {
            byte[] body = HttpRequests.rawBody(event, MAX_BODY_BYTES);
            Map<String, String> headers = new HashMap<>();
            if (event.getHeaders() != null) {
                event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
            }
            var outcome = webhooks.receive(path.get("vendor"), shop, headers, body);
            ObjectNode answer = JsonTrees.object();
            answer.put("shop", outcome.shop().value());
            answer.put("vendor", outcome.vendor().wire());
            outcome.results().forEach(answer.putArray("events")::add);
            outcome.conversations().forEach(c -> answer.withArray("conversation_ids").add(c.value()));
            return HttpResponses.json(200, answer);
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "helpdesk.rejected", shop, e);
        }
    }

    /** SnapStart: the intake's and the clocks' warm paths, then a refused request (no signature); nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        webhooks.prime();
        handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("vendor", "zendesk", "shop", "priming.myshopify.com"))
                .withHeaders(Map.of()).withBody("{}").withIsBase64Encoded(false).build(), null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
