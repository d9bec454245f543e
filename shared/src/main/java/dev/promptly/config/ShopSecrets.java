package dev.promptly.config;

import java.util.Objects;
import java.util.Optional;

/**
 * References to a shop's secrets. {@code shopifyWebhookPrevious} is accepted besides the current
 * webhook secret while a rotation is under way.
 */
public record ShopSecrets(SecretRef shopifyWebhook, SecretRef shopifyWebhookPrevious, SecretRef messages, SecretRef agentToken) {
    public ShopSecrets {
        Objects.requireNonNull(shopifyWebhook, "shopifyWebhook");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(agentToken, "agentToken");
    }

    public Optional<SecretRef> previousShopifyWebhook() {
        return Optional.ofNullable(shopifyWebhookPrevious);
    }
}
