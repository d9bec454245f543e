package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The delay scan's state, as the use cases need it: the orders whose next check has come, one marker per
 * notice ever decided (the business identity of {@link dev.promptly.core.delay.Delay#key()}), and the
 * circuit breaker's alert marker and its release.
 *
 * <p>A decision is written all or nothing: its markers (new only, so overlapping or retried runs decide
 * once), its outbox record, and the order's next check time (at the order's version, so a webhook that
 * changed the order in between wins and the order is assessed again). Implementations are thread-safe.
 */
public interface DelayStore {
    /** An order whose delay check is due. */
    record DueOrder(ShopDomain shop, String orderId, Instant dueAt) {
    }

    /** Where a read of due orders continues; only the store that returned it understands it. */
    interface Cursor {
    }

    /** One page of due orders, earliest due first; {@code next} continues the read, null at its end. */
    record DuePage(List<DueOrder> orders, Cursor next) {
        public DuePage {
            orders = List.copyOf(orders);
        }
    }

    /** What a notice decision found. */
    enum Outcome {
        /** Markers, outbox record and next check written together. */
        WRITTEN,
        /** Another run decided one of these notices first: nothing was written. */
        ALREADY_DECIDED,
        /** The order changed since it was read: nothing was written; the order is assessed again. */
        ORDER_CHANGED
    }

    /**
     * A decision about one order.
     *
     * @param readVersion the order version the decision was made on
     * @param keys        the notice keys decided ({@link dev.promptly.core.delay.Delay#key()} or its repeat key)
     * @param outcome     what was done for them: {@code notice}, {@code note} or {@code unreachable}
     * @param outbox      the message written with them, if any
     * @param nextCheckAt the order's next check; null makes it no longer due
     */
    record Decision(ShopDomain shop, String orderId, long readVersion, List<String> keys, String outcome,
                    Optional<OutboxMessage> outbox, Instant nextCheckAt, Instant decidedAt, long expiresAt) {
        public Decision {
            keys = List.copyOf(keys);
            Objects.requireNonNull(outbox, "outbox");
        }
    }

    /** Orders due at or before {@code now}, at most {@code limit}, from {@code start} (null: the beginning). */
    DuePage due(Instant now, int limit, Cursor start);

    /** The notices decided for {@code orderId} so far: key to the instant of the decision. */
    Map<String, Instant> decided(ShopDomain shop, String orderId);

    /** Writes {@code decision} all or nothing; see the interface comment. */
    Outcome record(Decision decision);

    /**
     * Moves the order's next check (null: no longer due) if it is still at {@code readVersion}; false when a
     * webhook changed it meanwhile, which set its own next check.
     */
    boolean moveCheck(ShopDomain shop, String orderId, long readVersion, Instant nextCheckAt);

    /**
     * Records that the team was told today that the circuit breaker held {@code shop}'s notices, with the
     * alert itself; false when it was already told today.
     */
    boolean recordBreakerAlert(ShopDomain shop, String day, OutboxMessage alert, long expiresAt);

    /** Whether a release is pending for {@code shop}; it is used up by the run that finds it. */
    boolean takeBreakerRelease(ShopDomain shop);
}
