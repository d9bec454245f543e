package dev.promptly.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shopify webhooks delivered through Amazon EventBridge (Shopify's partner event source): the body is
 * {@code detail.payload}, the {@code X-Shopify-*} headers are {@code detail.metadata}. AWS authenticates
 * the source, so no HMAC applies. Any failure is thrown: Lambda retries the asynchronous invocation and
 * then hands the event to the dead-letter queue, so nothing is dropped silently.
 */
public final class ShopifyEventBridgeHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookIntake intake;
    private final JsonLog log;

    public ShopifyEventBridgeHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public ShopifyEventBridgeHandler(Deployment d) {
        this(d.webhookIntake(), d.log("shopify-eventbridge"));
    }

    public ShopifyEventBridgeHandler(WebhookIntake intake, JsonLog log) {
        this.intake = intake;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        JsonNode event = JSON.readTree(input);
        JsonNode detail = event == null ? null : event.path("detail");
        if (detail == null || !detail.path("payload").isObject()) {
            throw new InvalidInputException("detail.payload", "must be the webhook's JSON object");
        }
        Map<String, String> metadata = lowerCaseKeys(detail.path("metadata"));
        String webhookId = metadata.getOrDefault("x-shopify-webhook-id", event.path("id").asText(null));
        String shop = metadata.get("x-shopify-shop-domain");
        try {
            var delivery = new WebhookDelivery(WebhookDelivery.Source.EVENTBRIDGE, shop,
                    metadata.get("x-shopify-topic"), webhookId, null,
                    JSON.writeValueAsBytes(detail.path("payload")), metadata.get("x-shopify-event-id"));
            var outcome = intake.accept(delivery);
            log.info("webhook.accepted", WebhookResponses.logFields(webhookId, shop, outcome, (System.nanoTime() - started) / 1_000_000));
            output.write(JSON.writeValueAsString(WebhookResponses.body(outcome)).getBytes(StandardCharsets.UTF_8));
        } catch (PromptlyException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("correlationId", webhookId);
            fields.put("shop", ShopDomain.loggable(shop));
            fields.put("reason", e.getMessage());
            log.warn("webhook.rejected", fields);
            throw e;
        }
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
