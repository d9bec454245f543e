package dev.promptly.config;

import dev.promptly.core.ShopDomain;
import java.util.Map;
import java.util.Optional;

/** The validated configuration of one deployment: every shop it serves. Immutable, thread-safe. */
public record PromptlyConfig(Map<ShopDomain, ShopConfig> shops) {
    public PromptlyConfig {
        shops = Map.copyOf(shops);
    }

    public Optional<ShopConfig> shop(ShopDomain domain) {
        return Optional.ofNullable(shops.get(domain));
    }
}
