package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.LocalDate;
import java.util.List;

/**
 * The weekly KPI digests recorded: one marker per shop and reported week, written once in one transaction with
 * the digest's outbox records, so overlapping or repeated runs send a week's digest once. Implementations are
 * thread-safe.
 */
public interface KpiDigestStore {
    /** Whether the digest of the week starting on Monday {@code week} was recorded (a consistent read). */
    boolean digestRecorded(ShopDomain shop, LocalDate week);

    /**
     * Records the digest of the week starting on Monday {@code week} with its {@code outbox} records, all or nothing.
     *
     * @return false when it was recorded before (nothing was written)
     */
    boolean recordDigest(ShopDomain shop, LocalDate week, List<OutboxMessage> outbox, long expiresAt);
}
