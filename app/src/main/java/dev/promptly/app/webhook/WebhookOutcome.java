package dev.promptly.app.webhook;

import java.util.Objects;

/**
 * What a webhook did, returned to Shopify and logged. {@code status} is one of {@code applied},
 * {@code unchanged}, {@code stale}, {@code duplicate}, {@code ignored}, {@code redacted}, {@code exported},
 * {@code deleted}. {@code count} is the number of orders a compliance request touched, else 0.
 */
public record WebhookOutcome(String status, String topic, String webhookId, String orderId, int count) {
    public WebhookOutcome {
        Objects.requireNonNull(status, "status");
    }
}
