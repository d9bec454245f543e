package dev.promptly.functions.whatsapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptly.app.whatsapp.WhatsAppWebhook;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.WhatsAppWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code GET /whatsapp/{shop}} (Meta's verification request: 200 with the echoed {@code hub.challenge} as
 * plain text, or 403) and {@code POST /whatsapp/{shop}} (a signed notification: 200 with what it did, 401
 * for a bad signature, 400 for a signed body not as documented, 5xx on an internal failure so that Meta
 * delivers it again).
 */
public final class WhatsAppWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    /** Notifications batch a few updates; API Gateway would allow 10 MB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final WhatsAppWebhook webhook;
    private final JsonLog log;

    public WhatsAppWebhookHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public WhatsAppWebhookHandler(Deployment d) {
        this(d, d.log("whatsapp-webhook"));
    }

    private WhatsAppWebhookHandler(Deployment d, JsonLog log) {
        this(WhatsAppWiring.whatsAppWebhook(d, log), log);
    }

    public WhatsAppWebhookHandler(WhatsAppWebhook webhook, JsonLog log) {
        this.webhook = webhook;
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
            if ("GET".equals(method(event))) {
                return verification(shop, event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters());
            }
            var outcome = webhook.accept(shop, HttpRequests.header(event, WhatsAppWebhook.SIGNATURE_HEADER),
                    HttpRequests.rawBody(event, MAX_BODY_BYTES));
            return HttpResponses.json(200, JsonNodeFactory.instance.objectNode()
                    .put("recorded", outcome.recorded()).put("duplicates", outcome.duplicates())
                    .put("statuses", outcome.statuses()).put("skipped", outcome.skipped())
                    .put("statuses_applied", outcome.statusesApplied()).put("statuses_unknown", outcome.statusesUnknown()));
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "whatsapp.rejected", shop, e);
        }
    }

    private APIGatewayV2HTTPResponse verification(String shop, Map<String, String> query) {
        var verification = webhook.verify(shop, query.get("hub.mode"), query.get("hub.verify_token"), query.get("hub.challenge"));
        if (verification.challenge().isEmpty()) {
            log.warn("whatsapp.verification_refused", Map.of("shop", dev.promptly.core.ShopDomain.loggable(shop), "status", 403,
                    "reason", verification.refusal()));
            return HttpResponses.json(403, JsonNodeFactory.instance.objectNode().put("error", verification.refusal()));
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
                .withBody(verification.challenge().get()).build();
    }

    /** The request's method; API Gateway's HTTP API (payload 2.0) carries it in the request context. */
    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "POST" : context.getHttp().getMethod();
    }

    /**
     * SnapStart: the intake's priming, then a verification request and a notification for a shop no
     * configuration has (both refused before any read or write).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        webhook.prime();
        handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", "priming.invalid"))
                .withHeaders(Map.of("x-hub-signature-256", "sha256=00")).withBody("{}").withIsBase64Encoded(false).build(), null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
