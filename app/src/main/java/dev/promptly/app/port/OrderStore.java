package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.Order;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Orders and webhook receipts, as the use cases need them. Every change to an order is one conditional
 * write: the webhook receipt (new only) and the order (at the version read), so a redelivered webhook and
 * a concurrent writer are both detected and nothing is half-applied. Implementations are thread-safe.
 */
public interface OrderStore {
    /** An order as read, with the version a later write must expect. */
    record StoredOrder(Order order, long version) {
    }

    /** What happened to a write. */
    enum WriteResult {
        WRITTEN,
        /** The webhook id was processed before: nothing was written. */
        DUPLICATE_WEBHOOK,
        /** Another writer changed the order since it was read: nothing was written; read again and retry. */
        CONFLICT
    }

    /**
     * A webhook delivery to remember: its dedupe key ({@code X-Shopify-Webhook-Id}, or a key built from
     * {@code X-Shopify-Event-Id}), topic and what it did.
     */
    record Receipt(String webhookId, String topic, String outcome, Instant receivedAt) {
    }

    /** Whether a receipt with this dedupe key is stored (strongly consistent, so a retry right after sees it). */
    boolean receiptExists(ShopDomain shop, String webhookId);

    /** Reads an order with a strongly consistent read, so the version is current. */
    Optional<StoredOrder> load(ShopDomain shop, String orderId);

    /**
     * Records {@code receipt} and, when {@code next} is present, replaces the order read at
     * {@code readVersion} (empty: the order did not exist) — in one round trip. {@code delayCheckAt} is
     * when the delay scan should next look at the order (null: never).
     */
    WriteResult write(ShopDomain shop, Receipt receipt, Optional<Order> next, Optional<Long> readVersion, int retentionDays,
                      Instant delayCheckAt);

    /** Replaces an order read at {@code readVersion}; false when another writer changed it meanwhile. */
    boolean replace(Order next, long readVersion, Instant now, int retentionDays, Instant delayCheckAt);

    /** A shop's orders placed with this e-mail address or phone number, newest first. */
    List<StoredOrder> findByContact(ShopDomain shop, String email, String phone);

    /**
     * Whether the shop has an order placed with this e-mail address (or, when no address is given, this
     * phone number), however many orders there are.
     */
    boolean hasOrderFrom(ShopDomain shop, String email, String phone);

    /** The shop's orders named {@code name} (e.g. {@code #1001}); Shopify names are unique per shop. */
    List<StoredOrder> findByName(ShopDomain shop, String name);

    /**
     * Deletes everything stored for {@code shop} while {@code timeLeft} says so.
     *
     * @return true when nothing of the shop remains
     */
    boolean deleteShop(ShopDomain shop, BooleanSupplier timeLeft);
}
