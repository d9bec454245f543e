package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a shop's backfill stands (issue 17), so a run that ran out of time, or met an unavailable API,
 * resumes at the page after the last one stored. One state per shop. Implementations are thread-safe.
 */
public interface BackfillStore {
    /**
     * A backfill of the orders updated since {@code since} ({@code days} before {@code startedAt}):
     * {@code cursor} is the end cursor of the last page stored (null before the first), {@code orders} and
     * {@code pages} count what was stored so far, {@code complete} once the last page was stored.
     */
    record BackfillState(ShopDomain shop, int days, Instant since, String cursor, long orders, long pages, Instant startedAt,
                         Instant updatedAt, boolean complete) {
        public BackfillState {
            Objects.requireNonNull(shop, "shop");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    Optional<BackfillState> load(ShopDomain shop);

    /** Stores {@code state}, replacing the shop's previous one; {@code expiresAt} in epoch seconds. */
    void save(BackfillState state, long expiresAt);
}
