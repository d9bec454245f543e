package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outbox records, as the sender needs them: it claims one with a lease, delivers it and records the
 * outcome, each step only while the record is still pending, so two senders racing on the same record (the
 * stream trigger and the sweep, or a retry) deliver it once. Implementations are thread-safe.
 */
public interface OutboxStore {
    /** The key of a due outbox record. */
    record DueKey(ShopDomain shop, String outboxId) {
    }

    /**
     * Takes a pending record for delivery until {@code now + lease}; empty when it is not pending, not yet
     * due, or another sender holds an unexpired lease on it.
     */
    Optional<OutboxMessage> claim(ShopDomain shop, String outboxId, Instant now, Duration lease);

    /**
     * Records the outcome of a delivery attempt on a record this sender claimed: its status, and while it
     * stays pending the time of the next attempt. False when the record is no longer pending (someone else
     * finished it first).
     *
     * @throws RuntimeException when the write failed (the store unreachable, throttled); trying it again is safe,
     *                          as a write that was in fact applied finds the record no longer pending
     */
    boolean recordOutcome(OutboxMessage outcome);

    /** Up to {@code limit} records due at {@code now}, oldest first, read from due work only. */
    List<DueKey> due(Instant now, int limit);
}
