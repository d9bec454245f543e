package dev.promptly.app.webhook;

import java.util.Objects;

/**
 * One Shopify webhook as it arrived, before anything is trusted: the {@code X-Shopify-*} header values
 * (any may be null) and the raw body bytes the signature covers. {@code eventId} is
 * {@code X-Shopify-Event-Id}: the same value on every webhook about one event, whichever subscription
 * or retry delivered it, so it is the better key to recognise a duplicate
 * (https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates).
 */
public record WebhookDelivery(Source source, String shopDomain, String topic, String webhookId, String hmac, byte[] body,
                              String eventId) {
    /** HTTPS deliveries are signed; EventBridge deliveries come through AWS and carry no usable signature. */
    public enum Source { HTTPS, EVENTBRIDGE }

    public WebhookDelivery {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
    }

    /** A delivery without {@code X-Shopify-Event-Id}: its webhook id is the dedupe key. */
    public WebhookDelivery(Source source, String shopDomain, String topic, String webhookId, String hmac, byte[] body) {
        this(source, shopDomain, topic, webhookId, hmac, body, null);
    }
}
