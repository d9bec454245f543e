package dev.promptly.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.app.webhook.WebhookOutcome;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.WebhookWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Shopify webhooks delivered through Amazon EventBridge (Shopify's partner event source): the body is
 * {@code detail.payload}, the {@code X-Shopify-*} headers are {@code detail.metadata}. AWS authenticates
 * the source, so no HMAC applies. Any failure is thrown: Lambda retries the asynchronous invocation and
 * then hands the event to the dead-letter queue, so nothing is dropped silently.
 */
public final class ShopifyEventBridgeHandler implements RequestStreamHandler, Resource {
    /** An EventBridge event as Shopify sends one, for a shop no configuration can contain. */
    private static final String PRIMING_EVENT = "{\"id\":\"priming\",\"detail-type\":\"shopifyWebhook\",\"detail\":{"
            + "\"payload\":{\"id\":1,\"updated_at\":\"2026-01-01T00:00:00Z\"},\"metadata\":{\"X-Shopify-Topic\":\"orders/updated\","
            + "\"X-Shopify-Shop-Domain\":\"priming.invalid\",\"X-Shopify-Webhook-Id\":\"priming\",\"X-Shopify-Event-Id\":\"priming\"}}}";

    private final WebhookIntake intake;
    private final JsonLog log;

    public ShopifyEventBridgeHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public ShopifyEventBridgeHandler(Deployment d) {
        this(WebhookWiring.webhookIntake(d), d.log("shopify-eventbridge"));
    }

    public ShopifyEventBridgeHandler(WebhookIntake intake, JsonLog log) {
        this.intake = intake;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        long started = System.nanoTime();
        WebhookDelivery delivery = delivery(JsonTrees.read(input));
        try {
            var outcome = intake.accept(delivery);
            log.info("webhook.accepted", WebhookResponses.logFields(delivery.webhookId(), delivery.shopDomain(), outcome,
                    (System.nanoTime() - started) / 1_000_000));
            output.write(JsonTrees.writeBytes(WebhookResponses.body(outcome)));
        } catch (PromptlyException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("correlationId", delivery.webhookId());
            fields.put("shop", ShopDomain.loggable(delivery.shopDomain()));
            fields.put("reason", e.getMessage());
            log.warn("webhook.rejected", fields);
            throw e;
        }
    }

    /** The webhook inside an EventBridge event: {@code detail.payload} with {@code detail.metadata}'s headers. */
    private static WebhookDelivery delivery(JsonNode event) throws IOException {
        JsonNode detail = event == null ? null : event.path("detail");
        if (detail == null || !detail.path("payload").isObject()) {
            throw new InvalidInputException("detail.payload", "must be the webhook's JSON object");
        }
        Map<String, String> metadata = lowerCaseKeys(detail.path("metadata"));
        String webhookId = metadata.getOrDefault("x-shopify-webhook-id", event.path("id").asText(null));
        return new WebhookDelivery(WebhookDelivery.Source.EVENTBRIDGE, metadata.get("x-shopify-shop-domain"),
                metadata.get("x-shopify-topic"), webhookId, null,
                JsonTrees.writeBytes(detail.path("payload")), metadata.get("x-shopify-event-id"));
    }

    /**
     * SnapStart priming: decodes a representative event and encodes an answer (Jackson's tree and
     * writer paths), then primes the intake (one read, no write). Nothing is accepted or logged.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        WebhookDelivery primed = delivery(JsonTrees.read(PRIMING_EVENT));
        JsonTrees.writeBytes(WebhookResponses.body(new WebhookOutcome("ignored", primed.topic(), primed.webhookId(), null, 0)));
        intake.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    private static Map<String, String> lowerCaseKeys(JsonNode metadata) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            var entry = it.next();
            result.put(entry.getKey().toLowerCase(), entry.getValue().asText());
        }
        return result;
    }
}
