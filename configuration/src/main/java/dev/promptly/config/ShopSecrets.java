package dev.promptly.config;

import java.util.Objects;
import java.util.Optional;

/**
 * References to a shop's secrets. {@code shopifyWebhookPrevious} is accepted besides the current
 * webhook secret while a rotation is under way. {@code exportToken} alone opens the shop's data exports
 * (they hold a customer's whole record, so a helpdesk's agent token must not); null: exports are closed.
 */
public record ShopSecrets(SecretRef shopifyWebhook, SecretRef shopifyWebhookPrevious, SecretRef messages, SecretRef agentToken,
                          SecretRef exportToken) {
    public ShopSecrets {
        Objects.requireNonNull(shopifyWebhook, "shopifyWebhook");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(agentToken, "agentToken");
    }

    /** Secrets without an export token: the shop's data exports cannot be fetched. */
    public ShopSecrets(SecretRef shopifyWebhook, SecretRef shopifyWebhookPrevious, SecretRef messages, SecretRef agentToken) {
        this(shopifyWebhook, shopifyWebhookPrevious, messages, agentToken, null);
    }

    public Optional<SecretRef> dataExportToken() {
        return Optional.ofNullable(exportToken);
    }

    public Optional<SecretRef> previousShopifyWebhook() {
        return Optional.ofNullable(shopifyWebhookPrevious);
    }
}
