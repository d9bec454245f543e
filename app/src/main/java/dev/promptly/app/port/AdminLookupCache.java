package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Optional;

/**
 * What recent Admin API lookups found nothing for, or could not ask (issue 17): repeated questions about
 * an order Shopify does not know, or while its API is down, reach the API at most once per remembered
 * period. Keys are digests, never the looked-up value. Implementations are thread-safe.
 */
public interface AdminLookupCache {
    enum Outcome { NOT_FOUND, UNAVAILABLE }

    /** The outcome remembered for {@code key} if it has not expired by {@code now}. */
    Optional<Outcome> recent(ShopDomain shop, String key, Instant now);

    /** Remembers {@code outcome} for {@code key} until {@code expiresAt}. */
    void remember(ShopDomain shop, String key, Outcome outcome, Instant now, Instant expiresAt);
}
