package dev.promptly.app.webhook;

import java.util.Objects;

/**
 * One Shopify webhook as it arrived, before anything is trusted: the {@code X-Shopify-*} header values
 * (any may be null) and the raw body bytes the signature covers.
 */
public record WebhookDelivery(Source source, String shopDomain, String topic, String webhookId, String hmac, byte[] body) {
    /** HTTPS deliveries are signed; EventBridge deliveries come through AWS and carry no usable signature. */
    public enum Source { HTTPS, EVENTBRIDGE }

    public WebhookDelivery {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
    }
}
