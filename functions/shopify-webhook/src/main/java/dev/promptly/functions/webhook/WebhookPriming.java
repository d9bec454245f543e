package dev.promptly.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Runs a representative delivery through the handler before a SnapStart snapshot. It is addressed to a
 * shop no configuration can contain (an invalid domain), so it loads the parsing, validation and
 * response classes and is refused before any read or write.
 */
final class WebhookPriming {
    private WebhookPriming() {
    }

    static void prime(ShopifyWebhookHandler handler) {
        var event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of(
                        "x-shopify-shop-domain", "priming.invalid",
                        "x-shopify-topic", "orders/updated",
                        "x-shopify-webhook-id", "priming",
                        "x-shopify-hmac-sha256", "cHJpbWluZw=="))
                .withBody("{\"id\":1,\"updated_at\":\"2026-01-01T00:00:00Z\"}")
                .withIsBase64Encoded(false)
                .build();
        handler.handleRequest(event, null);
    }
}
