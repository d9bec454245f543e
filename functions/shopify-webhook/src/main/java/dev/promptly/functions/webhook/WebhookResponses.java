package dev.promptly.functions.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.webhook.WebhookOutcome;
import dev.promptly.core.ShopDomain;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body and log fields of a webhook's outcome. */
final class WebhookResponses {
    private WebhookResponses() {
    }

    static ObjectNode body(WebhookOutcome outcome) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", outcome.status());
        node.put("topic", outcome.topic());
        node.put("webhook_id", outcome.webhookId());
        if (outcome.orderId() != null) {
            node.put("order_id", outcome.orderId());
        }
        if (outcome.count() > 0) {
            node.put("count", outcome.count());
        }
        return node;
    }

    static Map<String, Object> logFields(String correlationId, String shop, WebhookOutcome outcome, long millis) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("correlationId", correlationId);
        fields.put("shop", ShopDomain.loggable(shop));
        fields.put("topic", outcome.topic());
        fields.put("status", outcome.status());
        fields.put("orderId", outcome.orderId());
        fields.put("count", outcome.count());
        fields.put("durationMs", millis);
        return fields;
    }
}
