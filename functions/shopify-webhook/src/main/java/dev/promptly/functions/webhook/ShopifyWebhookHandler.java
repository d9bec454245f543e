package dev.promptly.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.WebhookWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /webhooks/shopify}: Shopify's HTTPS webhook deliveries. Answers 200 with what the delivery
 * did, 4xx naming the problem (nothing written), or 5xx on an internal failure so that Shopify retries.
 */
public final class ShopifyWebhookHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    /** Shopify's own payloads stay far below this; API Gateway would allow 10 MB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final WebhookIntake intake;
    private final JsonLog log;

    public ShopifyWebhookHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public ShopifyWebhookHandler(Deployment d) {
        this(WebhookWiring.webhookIntake(d), d.log("shopify-webhook"));
    }

    public ShopifyWebhookHandler(WebhookIntake intake, JsonLog log) {
        this.intake = intake;
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
        log.invocation(context == null ? null : context.getAwsRequestId());
        long started = System.nanoTime();
        String webhookId = HttpRequests.header(event, "X-Shopify-Webhook-Id");
        String shop = HttpRequests.header(event, "X-Shopify-Shop-Domain");
        try {
            var delivery = new WebhookDelivery(WebhookDelivery.Source.HTTPS, shop,
                    HttpRequests.header(event, "X-Shopify-Topic"), webhookId,
                    HttpRequests.header(event, "X-Shopify-Hmac-Sha256"),
                    HttpRequests.rawBody(event, MAX_BODY_BYTES), HttpRequests.header(event, "X-Shopify-Event-Id"));
            var outcome = intake.accept(delivery);
            log.info("webhook.accepted", WebhookResponses.logFields(webhookId, shop, outcome, elapsedMillis(started)));
            return HttpResponses.json(200, WebhookResponses.body(outcome));
        } catch (PromptlyException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("correlationId", webhookId);
            fields.put("shop", ShopDomain.loggable(shop));
            fields.put("status", HttpResponses.statusOf(e));
            fields.put("reason", e.getMessage());
            log.warn("webhook.rejected", fields);
            return HttpResponses.problem(e);
        }
    }

    /**
     * SnapStart: load the request path's classes before the snapshot (a refused delivery), then one
     * harmless DynamoDB read; nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        WebhookPriming.prime(this);
        intake.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
