package dev.promptly.local;

import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the satisfaction survey links of every shop that sends surveys at this runner, which serves
 * {@code GET|POST /csat/{token}} itself: a link from a local mail must open here, whatever public URL the
 * configuration names for the deployment.
 */
final class LocalCsatLinks {
    private LocalCsatLinks() {
    }

    static PromptlyConfig pointedAt(PromptlyConfig config, int port) {
        URI runner = URI.create("http://127.0.0.1:" + port);
        Map<ShopDomain, ShopConfig> shops = new LinkedHashMap<>();
        config.shops().forEach((domain, shop) -> shops.put(domain,
                shop.csat().enabled() ? shop.withCsat(shop.csat().withLinkBaseUrl(runner)) : shop));
        return new PromptlyConfig(shops);
    }
}
