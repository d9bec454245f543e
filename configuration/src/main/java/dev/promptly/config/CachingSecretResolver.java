package dev.promptly.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps resolved secrets for {@code ttl}, so a warm function does not call SSM or Secrets Manager on
 * every request, yet picks up a rotated secret within {@code ttl}. Literal secrets are not cached.
 */
public final class CachingSecretResolver implements SecretResolver {
    private record Entry(String value, Instant expires) {
    }

    private final SecretResolver delegate;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<SecretRef, Entry> cache = new ConcurrentHashMap<>();

    public CachingSecretResolver(SecretResolver delegate, Clock clock, Duration ttl) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    @Override
    public String resolve(SecretRef ref) {
        if (ref.scheme() == SecretRef.Scheme.LITERAL) {
            return ref.name();
        }
        Instant now = clock.instant();
        Entry entry = cache.get(ref);
        if (entry == null || !now.isBefore(entry.expires())) {
            entry = new Entry(delegate.resolve(ref), now.plus(ttl));
            cache.put(ref, entry);
        }
        return entry.value();
    }
}
