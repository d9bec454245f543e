package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbox records as a channel's delivery reports update them after the send: found by the id the provider
 * gave the message (a WhatsApp {@code wamid}), each change conditional on the record still being sent with
 * that id, so a late, repeated or out-of-order report changes nothing. Implementations are thread-safe.
 */
public interface DeliveryReports {
    /**
     * A status reported for a message id not (yet) known, kept until {@code until} so that it can be applied
     * once the send is recorded: {@code state} at {@code at}, with the provider's {@code errorCode} for a
     * failure (0 when it gave none).
     */
    record HeldStatus(String providerMessageId, DeliveryState state, Instant at, int errorCode, Instant until) {
        public HeldStatus {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(until, "until");
        }
    }

    /** The record that was sent as {@code providerMessageId}, whatever it became since; empty when unknown. */
    Optional<OutboxMessage> findSent(ShopDomain shop, String providerMessageId);

    /**
     * Records {@code state} (sent, delivered, read) on the record sent as {@code providerMessageId}; false
     * when the record is no longer sent with that id or already is in that state or a later one.
     */
    boolean recordDelivery(ShopDomain shop, String outboxId, String providerMessageId, DeliveryState state, Instant at);

    /**
     * Records a reported failure as {@code outcome} (pending again with its next due time, or failed) on the
     * record sent as {@code providerMessageId}; false when it is no longer sent with that id or was already
     * delivered or failed.
     */
    boolean recordFailure(OutboxMessage outcome, String providerMessageId, Instant at);

    /** The delivery state reported for a record, if any. */
    Optional<DeliveryState> deliveryState(ShopDomain shop, String outboxId);

    /** Keeps {@code status} until its {@code until}; the same state for the same message id again replaces it. */
    void hold(ShopDomain shop, HeldStatus status);

    /** The statuses held for {@code providerMessageId} and not expired at {@code now}, read after every earlier {@link #hold}. */
    List<HeldStatus> held(ShopDomain shop, String providerMessageId, Instant now);

    /** Releases a held status (it is no longer listed); true only for the one caller that released it, which then applies it. */
    boolean release(ShopDomain shop, HeldStatus status);
}
