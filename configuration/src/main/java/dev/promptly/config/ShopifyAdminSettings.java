package dev.promptly.config;

import java.util.Objects;

/**
 * A shop's access to the Shopify GraphQL Admin API (issue 17): the custom app's Admin API access token,
 * as a secret reference like every other secret. A shop without this block has no live lookups, no
 * backfill and no goodwill codes; everything else works from webhooks alone.
 */
public record ShopifyAdminSettings(SecretRef accessToken) {
    public ShopifyAdminSettings {
        Objects.requireNonNull(accessToken, "accessToken");
    }
}
